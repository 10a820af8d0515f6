using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// How perivascular spaces are segmented: the Frangi vesselness filter, or a configured <c>[pvs_models.NAME]</c>
/// ensemble. Parsed once from its text form (<c>frangi</c> or the ensemble's name) and checked against the configuration.
/// </summary>
public sealed record PvsMethod
{
    public const string FrangiName = "frangi";

    public static PvsMethod Frangi { get; } = new((string?)null);

    private PvsMethod(string? model) => Model = model;

    /// <summary>The <c>[pvs_models]</c> entry, or null for the Frangi filter.</summary>
    public string? Model { get; }

    public bool IsFrangi => Model is null;

    public static PvsMethod Ensemble(string model) => new(model);

    /// <exception cref="InvalidInputException">The name is neither <c>frangi</c> nor a configured ensemble; <paramref name="source"/> names where it came from.</exception>
    public static PvsMethod Parse(string name, RelevanceRelatedConfig config, string source)
    {
        if (name == FrangiName) return Frangi;
        if (config.PvsModels.ContainsKey(name)) return new(name);
        throw new InvalidInputException(
            $"{source} '{name}' is neither '{FrangiName}' nor one of [{string.Join(", ", config.PvsModels.Keys.Order(StringComparer.Ordinal))}] from [pvs_models.<name>]");
    }

    /// <summary>As the record and the console print it: <c>frangi</c> or <c>onnx:NAME</c>.</summary>
    public override string ToString() => Model is null ? FrangiName : $"onnx:{Model}";
}

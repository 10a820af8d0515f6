using RelevanceRelated.Analysis;

namespace RelevanceRelated.Contracts;

/// <summary>What ingest does with a FLAIR off the T1 grid when the subject brings no FLAIR→T1 transform (cohort parameter <c>flair_alignment</c>).</summary>
public enum FlairAlignment
{
    /// <summary>Only given transforms move a FLAIR; one without them is refused (the default).</summary>
    Given,

    /// <summary>Register the FLAIR to the T1 (rigid, Mattes mutual information) and move it through the result.</summary>
    Register,
}

/// <summary>Parsing of <see cref="FlairAlignment"/> values (once, at the edge).</summary>
public static class FlairAlignments
{
    public const string Names = "given, register";

    /// <exception cref="InvalidInputException">Not one of <see cref="Names"/>; <paramref name="what"/> names the option or parameter.</exception>
    public static FlairAlignment Parse(string text, string what = CohortParameters.FlairAlignment) => text.Trim().ToLowerInvariant() switch
    {
        "given" => FlairAlignment.Given,
        "register" => FlairAlignment.Register,
        _ => throw new InvalidInputException($"{what}: '{text}'; expected one of {Names}"),
    };

    public static string Name(this FlairAlignment alignment) => alignment switch
    {
        FlairAlignment.Given => "given",
        FlairAlignment.Register => "register",
        _ => throw new ArgumentOutOfRangeException(nameof(alignment)),
    };

    /// <summary>The cohort's choice (default <see cref="FlairAlignment.Given"/>).</summary>
    public static FlairAlignment Of(CohortSettings settings) =>
        Parse(settings.Get(CohortParameters.FlairAlignment, FlairAlignment.Given.Name()), $"cohort parameter {CohortParameters.FlairAlignment}");
}

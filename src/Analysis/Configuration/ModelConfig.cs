namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// <c>[models.&lt;name&gt;]</c>: one brain-age sub-ensemble: the MRI sequence it reads, its base-model ONNX files,
/// the preprocessing recipe that makes their input, the head that combines them and the transform from each base
/// model's output to an age.
/// </summary>
public sealed record ModelConfig(
    string Name,
    string Sequence,
    IReadOnlyList<string> Files,
    PreprocessingRecipe Recipe,
    ModelHead Head,
    ModelOutput Output)
{
    /// <summary>"models.NAME", as messages name the entry.</summary>
    public string Entry => $"models.{Name}";

    /// <summary>Every field that changes a prediction, as text (stage hashes use it).</summary>
    public string Describe() => string.Join("|", Name, Sequence, string.Join(",", Files), Recipe.Describe(), Head.Describe(), Output.Describe());
}

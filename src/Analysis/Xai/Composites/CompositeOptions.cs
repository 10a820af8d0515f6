namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>
/// Parameters a composite may take: ε (of the ε rule, or of the dense layers in the presets), γ, and the input
/// bounds of z^B (default: the input's own range).
/// </summary>
public sealed record CompositeOptions
{
    public float? Epsilon { get; init; }

    public float? Gamma { get; init; }

    public float? Low { get; init; }

    public float? High { get; init; }
}

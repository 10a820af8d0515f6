namespace RelevanceRelated.Analysis.Configuration;

/// <summary>A sub-ensemble's head: the mean of its base models, or intercept + Σ weightᵢ · ageᵢ (one weight per file).</summary>
public sealed record ModelHead(HeadKind Kind, double Intercept = 0, IReadOnlyList<double>? Weights = null)
{
    public static readonly ModelHead Mean = new(HeadKind.Mean);

    public string Describe() => string.Join("|", ModelOptionNames.Head.NameOf(Kind), Text.Number(Intercept), Text.Numbers(Weights));
}

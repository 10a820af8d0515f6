namespace RelevanceRelated.Analysis.Configuration;

/// <summary>How a sub-ensemble combines its base models' ages (key <c>head</c>).</summary>
public enum HeadKind
{
    /// <summary>The mean of the base models.</summary>
    Mean,

    /// <summary>intercept + Σ weightᵢ · ageᵢ.</summary>
    Linear,
}

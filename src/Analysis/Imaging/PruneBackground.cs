namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Which value counts as background when finding the brain.</summary>
public enum PruneBackground
{
    /// <summary>The volume's minimum (the original pipeline's choice: works for backgrounds such as −1).</summary>
    Minimum,

    /// <summary>Zero.</summary>
    Zero,
}

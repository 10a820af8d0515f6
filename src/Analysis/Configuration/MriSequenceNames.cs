namespace RelevanceRelated.Analysis.Configuration;

/// <summary>The MRI sequences the pipeline knows (<c>params.mri_sequences</c>, <c>models.*.sequence</c>).</summary>
public static class MriSequenceNames
{
    public static readonly IReadOnlyList<string> All = ["t1", "flair", "swi"];
}

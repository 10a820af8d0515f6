namespace RelevanceRelated.Contracts;

/// <summary>The names of the pipeline's stages, in the order a subject passes through them.</summary>
public static class StageNames
{
    public const string Ingest = "ingest";
    public const string Pvs = "pvs";
    public const string BrainAge = "brainage";
    public const string Relevance = "relevance";
    public const string Features = "features";
    public const string Analyses = "analyses";

    public static IReadOnlyList<string> All { get; } = [Ingest, Pvs, BrainAge, Relevance, Features, Analyses];
}

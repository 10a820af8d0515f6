using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Contracts;

/// <summary>
/// What a stage produced, as a record of the stage's own type: small typed values and references to artifacts. A
/// dependent stage's input hash covers it, so a changed result reruns what reads it. Stages outside this assembly
/// (tests, extensions) derive their own results from it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.StageResult")]
public abstract record StageResult
{
    /// <summary>Every artifact the result refers to, by role (e.g. <c>t1</c>, <c>pvs_mask</c>, <c>demo_t1.relevance</c>).</summary>
    public virtual IEnumerable<(string Role, ArtifactReference Artifact)> Artifacts() => [];
}

namespace RelevanceRelated.Grains.Stages;

/// <summary>Where the stages find their inputs and put their outputs (from the TOML <c>[paths]</c> section).</summary>
public sealed class PipelineOptions
{
    /// <summary><c>[paths].data</c>: every subject input must lie below it.</summary>
    public required string DataRoot { get; init; }

    /// <summary><c>[paths].artifacts</c>: the content-addressed store every silo mounts.</summary>
    public required string ArtifactsRoot { get; init; }
}

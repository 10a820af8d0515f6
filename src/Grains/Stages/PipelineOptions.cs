namespace RelevanceRelated.Grains.Stages;

/// <summary>Where the stages find their inputs and put their outputs (from the TOML <c>[paths]</c> section), and how long a stage may take.</summary>
public sealed class PipelineOptions
{
    /// <summary>
    /// The longest a stage may run: the inference call's response timeout and how long a grain running a stage is kept
    /// from deactivation. An attribute needs it as a constant (<see cref="Inference.IInferenceGrain.Run"/>).
    /// </summary>
    public const string StageTimeoutText = "06:00:00";

    public static TimeSpan StageTimeout { get; } = TimeSpan.Parse(StageTimeoutText, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>[paths].data</c>: every subject input must lie below it.</summary>
    public required string DataRoot { get; init; }

    /// <summary><c>[paths].artifacts</c>: the content-addressed store every silo mounts.</summary>
    public required string ArtifactsRoot { get; init; }
}

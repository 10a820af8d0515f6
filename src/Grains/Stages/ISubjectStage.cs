using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// One step of the per-subject pipeline. The subject grain only orchestrates: it decides from the hashes whether
/// the stage must run and records the outcome; the stage does the work by calling src/Analysis, keeps volumes in
/// the artifact store and returns a typed result with references and small values. Stages are registered in DI in pipeline order.
/// </summary>
public interface ISubjectStage
{
    /// <summary>The stage's name, one of <see cref="StageNames"/> for the production stages.</summary>
    string Name { get; }

    /// <summary>Stages whose outputs this one reads; they must be registered earlier.</summary>
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>
    /// True for model-heavy stages (segmentation, prediction, LRP): they run in an
    /// <see cref="RelevanceRelated.Grains.Inference.IInferenceGrain"/> on a silo with the accelerator, not in the subject grain.
    /// </summary>
    bool UsesAccelerator => false;

    /// <summary>SHA-256 (hex) of the configuration this stage reads: silo configuration and cohort parameters.</summary>
    string ConfigurationHash(CohortSettings settings);

    /// <summary>Runs the stage. Bad input throws <see cref="RelevanceRelated.Analysis.InvalidInputException"/> with a reason for the user.</summary>
    /// <returns>The stage's typed result: small values and references to the artifacts it stored, never voxels.</returns>
    Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken);
}

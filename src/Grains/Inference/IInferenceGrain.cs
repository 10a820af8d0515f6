using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Stages;

namespace RelevanceRelated.Grains.Inference;

/// <summary>
/// Runs the model-heavy stages (PVS segmentation, brain-age prediction, LRP) where the accelerator is. One activation
/// per subject (key <c>cohort/subject</c>), placed by <see cref="Placement.AcceleratorPlacementAttribute"/>; the ONNX
/// sessions it uses are loaded once per silo. Only artifact references and small results cross the wire.
/// Silo-internal: subject grains call it, clients never do.
/// </summary>
public interface IInferenceGrain : IGrainWithStringKey
{
    /// <summary>Runs the named stage for the subject described by <paramref name="context"/>.</summary>
    /// <exception cref="RelevanceRelated.Analysis.InvalidInputException">Bad input: the reason is for the user.</exception>
    [ResponseTimeout(PipelineOptions.StageTimeoutText)]
    Task<StageResult> Run(string stage, StageContext context, CancellationToken cancellationToken);

    /// <summary>The silo this activation lives on (for operators and tests).</summary>
    Task<string> SiloName();
}

using RelevanceRelated.Grains.Placement;

namespace RelevanceRelated.Integration.Tests.TestGrains;

[AcceleratorPlacement]
public sealed class InferenceProbeGrain(ILocalSiloDetails silo) : Grain, IInferenceProbeGrain
{
    public Task<string> SiloName() => Task.FromResult(silo.Name);
}

namespace RelevanceRelated.Integration.Tests.TestGrains;

/// <summary>Stands in for an inference grain: it says which silo it was placed on.</summary>
public interface IInferenceProbeGrain : IGrainWithIntegerKey
{
    Task<string> SiloName();
}

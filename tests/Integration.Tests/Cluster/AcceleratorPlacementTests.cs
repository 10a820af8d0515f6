using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Integration.Tests.TestGrains;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary>The accelerator placement filter on real silos that publish hardware.accelerator metadata.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AcceleratorPlacementTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>
{
    private static string NewClusterId() => $"p{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Under_require_every_inference_activation_goes_to_the_gpu_silo()
    {
        var cluster = NewClusterId();
        await using var cpuA = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "cpu-a", AcceleratorMetadata.Cpu, AcceleratorPolicy.Require);
        await using var gpu = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "gpu-b", AcceleratorMetadata.Gpu, AcceleratorPolicy.Require);
        await using var cpuC = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "cpu-c", AcceleratorMetadata.Cpu, AcceleratorPolicy.Require);
        TestSilo[] silos = [cpuA, gpu, cpuC];
        foreach (var silo in silos) await silo.WaitForMetadataOfAsync(silos);

        var placedOn = new List<string>();
        for (var i = 0; i < 12; i++)
            placedOn.Add(await silos[i % 3].Grains.GetGrain<IInferenceProbeGrain>(i).SiloName());

        Assert.All(placedOn, name => Assert.Equal("gpu-b", name));
    }

    [Fact]
    public async Task Under_prefer_without_a_gpu_silo_inference_grains_still_activate()
    {
        var cluster = NewClusterId();
        await using var a = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "cpu-a", AcceleratorMetadata.Cpu, AcceleratorPolicy.Prefer);
        await using var b = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "cpu-b", AcceleratorMetadata.Cpu, AcceleratorPolicy.Prefer);
        await a.WaitForMetadataOfAsync(a, b);

        var placedOn = new HashSet<string>();
        for (var i = 0; i < 6; i++)
            placedOn.Add(await a.Grains.GetGrain<IInferenceProbeGrain>(i).SiloName());

        Assert.Subset(new HashSet<string> { "cpu-a", "cpu-b" }, placedOn);
    }

    [Fact]
    public async Task Under_require_without_a_gpu_silo_activation_fails_with_a_clear_error()
    {
        var cluster = NewClusterId();
        await using var silo = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "cpu-only", AcceleratorMetadata.Cpu, AcceleratorPolicy.Require);
        await silo.WaitForMetadataOfAsync(silo);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => silo.Grains.GetGrain<IInferenceProbeGrain>(1).SiloName());

        Assert.Contains("hardware.accelerator=gpu", ex.Message);
        Assert.Contains("'require'", ex.Message);
    }
}

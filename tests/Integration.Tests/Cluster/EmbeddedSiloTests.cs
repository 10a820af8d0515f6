using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Integration.Tests.TestGrains;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary>The embedded (single machine, in-memory) silo, its health endpoint and its published metadata.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EmbeddedSiloTests
{
    private static ClusterSettings Embedded(string accelerator) => new()
    {
        Mode = ClusterMode.Embedded,
        SiloName = "embedded",
        SiloPort = TestSilo.FreePort(),
        GatewayPort = TestSilo.FreePort(),
        HealthPort = TestSilo.FreePort(),
        Accelerator = accelerator,
    };

    [Fact]
    public async Task Health_endpoint_reports_an_active_silo_as_healthy()
    {
        await using var silo = await TestSilo.StartAsync(Embedded(AcceleratorMetadata.Cpu));
        using var http = new HttpClient { BaseAddress = silo.HealthBaseAddress };

        var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        var alive = await http.GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.True(health.IsSuccessStatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(alive.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Silo_publishes_its_accelerator_as_silo_metadata_and_keeps_state_in_memory()
    {
        await using var silo = await TestSilo.StartAsync(Embedded(AcceleratorMetadata.Gpu));
        // The metadata cache fills asynchronously after start-up, even for the silo's own entry.
        await silo.WaitForMetadataOfAsync(silo);
        var metadata = silo.Services.GetRequiredService<ISiloMetadataCache>().GetSiloMetadata(silo.Address).Metadata;

        await silo.Grains.GetGrain<ICounterGrain>("embedded").Set(5, "in memory");

        Assert.Equal("gpu", metadata[AcceleratorMetadata.Key]);
        Assert.Equal(5, (await silo.Grains.GetGrain<ICounterGrain>("embedded").Get()).Value);
        Assert.Equal("embedded", await silo.Grains.GetGrain<IInferenceProbeGrain>(1).SiloName());
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;
using RelevanceRelated.Integration.Tests.TestGrains;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary>Silos built by <see cref="SiloHost"/> in postgres mode, on our schema, in a fresh database.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresClusterTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>
{
    private static string NewClusterId() => $"c{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Grain_state_is_read_back_from_PostgreSQL_after_the_silo_restarts()
    {
        var cluster = NewClusterId();
        await using (var first = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "first"))
        {
            await first.Grains.GetGrain<ICounterGrain>("cohort-a/sub-01").Set(42, "written before restart");
        }
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_grain_state WHERE service_id = @s AND payload IS NOT NULL", ("s", cluster)));

        await using var second = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "second");
        var grain = second.Grains.GetGrain<ICounterGrain>("cohort-a/sub-01");
        Assert.Equal(new CounterState(42, "written before restart"), await grain.Get());

        // An update names the version it read; after deactivation the new state comes back from storage.
        await grain.Set(43, "updated");
        await grain.Deactivate();
        Assert.Equal(new CounterState(43, "updated"), await grain.Get());
    }

    [Fact]
    public async Task Grain_storage_refuses_a_stale_write_and_clears_state_keeping_its_version()
    {
        var cluster = NewClusterId();
        await using var silo = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "storage");
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var grainId = GrainId.Create("storage-test", "subject-7");

        var mine = new GrainState<CounterState>(new CounterState(1, "mine"));
        await storage.WriteStateAsync("storage-test", grainId, mine);
        var stale = new GrainState<CounterState>(new CounterState(2, "stale, no etag"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("storage-test", grainId, stale));

        await storage.ClearStateAsync("storage-test", grainId, mine);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("storage-test", grainId, read);

        Assert.False(read.RecordExists);
        Assert.Equal(mine.ETag, read.ETag);
        Assert.Equal(new CounterState(), read.State);
    }

    [Fact]
    public async Task Reminder_is_stored_listed_found_by_hash_range_and_unregistered()
    {
        var cluster = NewClusterId();
        await using var silo = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "reminders");
        var grain = silo.Grains.GetGrain<IReminderProbeGrain>("cohort-b");

        await grain.Register("redrive");

        Assert.Equal(["redrive"], await grain.List());
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminders WHERE service_id = @s", ("s", cluster)));
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var hash = grain.GetGrainId().GetUniformHashCode();
        Assert.Single((await table.ReadRows(unchecked(hash - 1), hash, TestContext.Current.CancellationToken)).Reminders);   // (h-1, h]: not wrapping
        Assert.Single((await table.ReadRows(unchecked(hash + 1), hash, TestContext.Current.CancellationToken)).Reminders);   // (h+1, h]: wraps around the ring
        Assert.Empty((await table.ReadRows(hash, unchecked(hash + 1), TestContext.Current.CancellationToken)).Reminders);

        await grain.Unregister("redrive");
        Assert.Empty(await grain.List());
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminders WHERE service_id = @s", ("s", cluster)));
    }

    [Fact]
    public async Task Silos_form_a_cluster_a_client_joins_through_the_gateways_and_a_dead_silo_is_cleaned_up()
    {
        var cluster = NewClusterId();
        await using var a = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "a");
        await using var b = await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, "b");
        Assert.Equal(2L, await ActiveSilos(cluster));

        using (var client = await StartClientAsync(cluster))
        {
            var counter = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("from-client");
            await counter.Set(7, "via gateway");
            Assert.Equal(7, (await counter.Get()).Value);
            await client.StopAsync(TestContext.Current.CancellationToken);
        }

        await a.StopAsync();
        Assert.Equal(1L, await ActiveSilos(cluster));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @c AND status = 6", ("c", cluster)));

        await b.Services.GetRequiredService<IMembershipTable>().CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), TestContext.Current.CancellationToken);
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @c", ("c", cluster)));
        Assert.Equal(1L, await ActiveSilos(cluster));
    }

    private Task<long> ActiveSilos(string cluster) => database.ScalarAsync<long>(
        "SELECT count(*) FROM orleans_membership WHERE deployment_id = @c AND status = 3", ("c", cluster));

    private async Task<IHost> StartClientAsync(string cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = cluster);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloHost.PostgresInvariant;
                o.ConnectionString = database.ConnectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}

/// <summary>Cluster tests start several silos each; run them one class at a time on small machines.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "postgres-cluster";
}

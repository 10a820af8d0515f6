using RelevanceRelated.Hosting.Persistence;
using System.Reflection;
using System.Text.RegularExpressions;
using Orleans.Configuration;
using Orleans.Storage;
using RelevanceRelated.Grains.Persistence;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary>The deploy/sql scripts against a real PostgreSQL, and against what the 10.4.2 providers ask for.</summary>
public sealed class SchemaTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    [Fact]
    public async Task Schema_applies_twice_without_error_and_records_its_versions()
    {
        // Its own empty database: the class fixture's may already hold the schema from another test.
        await using var empty = new FreshDatabase();
        await empty.InitializeAsync();
        var initializer = new DatabaseInitializer(empty.ConnectionString);

        var first = await initializer.ApplyAsync(TestContext.Current.CancellationToken);
        var queriesAfterFirst = await empty.ScalarAsync<long>("SELECT count(*) FROM orleansquery");
        var second = await initializer.ApplyAsync(TestContext.Current.CancellationToken);

        Assert.All(first, r => Assert.Null(r.PreviousVersion));
        Assert.All(second, r => Assert.Equal(r.Version, r.PreviousVersion));
        Assert.Equal(["clustering", "foundation", "persistence", "reminders"], first.Select(r => r.Component).Order());
        Assert.Equal(queriesAfterFirst, await empty.ScalarAsync<long>("SELECT count(*) FROM orleansquery"));
        var versions = await initializer.ReadVersionsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, versions["clustering"]);
    }

    [Fact]
    public async Task Schema_provides_every_query_the_Orleans_providers_require()
    {
        await new DatabaseInitializer(database.ConnectionString).ApplyAsync(TestContext.Current.CancellationToken);
        var required = RequiredClusteringAndReminderKeys().Concat(PersistenceKeys()).Append("CleanupDefunctSiloEntryKey").ToList();

        Assert.Contains("UpsertReminderRowKey", required);
        Assert.Contains("MembershipReadAllKey", required);
        Assert.Contains("WriteToStorageKey", required);
        foreach (var key in required)
            Assert.True(await database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM orleansquery WHERE querykey = @k)", ("k", key)),
                $"orleansquery has no '{key}'");
    }

    [Fact]
    public async Task Initializer_refuses_a_database_whose_schema_is_newer_than_its_scripts()
    {
        var initializer = new DatabaseInitializer(database.ConnectionString);
        await initializer.ApplyAsync(TestContext.Current.CancellationToken);
        await database.ExecuteAsync("UPDATE relevancerelated_schema_version SET version = 99 WHERE component = 'reminders'");
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => initializer.ApplyAsync(TestContext.Current.CancellationToken));
            Assert.Contains("'reminders' at version 99", ex.Message);
        }
        finally
        {
            await database.ExecuteAsync("UPDATE relevancerelated_schema_version SET version = 1 WHERE component = 'reminders'");
        }
    }

    [Fact]
    public void Malformed_connection_string_is_reported_as_bad_input()
    {
        var ex = Assert.Throws<RelevanceRelated.Analysis.InvalidInputException>(() => new DatabaseInitializer("Hots=db"));
        Assert.Contains("connection string", ex.Message);
    }

    /// <summary>
    /// The clustering and reminder providers refuse to start unless every property of their internal
    /// DbStoredQueries class has a row in orleansquery; read those names from the shipped assemblies.
    /// </summary>
    private static IEnumerable<string> RequiredClusteringAndReminderKeys()
    {
        (Assembly Assembly, string Type)[] sources =
        [
            (typeof(AdoNetClusteringSiloOptions).Assembly, "Orleans.Clustering.AdoNet.Storage.DbStoredQueries"),
            (typeof(AdoNetReminderTableOptions).Assembly, "Orleans.Reminders.AdoNet.Storage.DbStoredQueries"),
        ];
        foreach (var (assembly, typeName) in sources)
        {
            var type = assembly.GetType(typeName, throwOnError: true)!;
            var keys = type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name).ToList();
            Assert.NotEmpty(keys);
            foreach (var key in keys) yield return key;
        }
    }

    /// <summary>The grain storage provider loads its statements with one query naming the keys it uses.</summary>
    private static IEnumerable<string> PersistenceKeys() =>
        Regex.Matches(AdoNetGrainStorage.DefaultInitializationQuery, "'(?<key>[A-Za-z]+Key)'").Select(m => m.Groups["key"].Value);
}

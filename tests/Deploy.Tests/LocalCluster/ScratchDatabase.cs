using Npgsql;

namespace RelevanceRelated.Deploy.Tests.LocalCluster;

/// <summary>
/// An empty database on the PostgreSQL server that ./test.sh starts (RELEVANCERELATED_TEST_PG), dropped on dispose,
/// so a test cluster needs no server of its own.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    public const string ServerVariable = "RELEVANCERELATED_TEST_PG";

    private readonly string _server;
    private readonly string _name;

    private ScratchDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run ./test.sh, which starts a throwaway PostgreSQL and sets it, " +
                "or export it as an Npgsql connection string to a superuser on a disposable server.");
        var database = new ScratchDatabase(server, $"rr_local_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE {database._name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE: a killed silo's connections may linger until the server notices.
        await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

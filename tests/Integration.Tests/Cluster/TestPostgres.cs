using Npgsql;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary>
/// The throwaway PostgreSQL server the tests run against (RELEVANCERELATED_TEST_PG, an Npgsql connection
/// string to a superuser; ./test.sh starts the server and sets it). There is no silent skip: without it the
/// PostgreSQL tests fail and say how to run them.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "RELEVANCERELATED_TEST_PG";

    public static string ServerConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"{Variable} is not set on CI: the PostgreSQL integration tests need the server that ./test.sh starts.");
        throw new InvalidOperationException(
            $"{Variable} is not set. Run ./test.sh, which starts a throwaway PostgreSQL and sets {Variable}, " +
            "or export it yourself as an Npgsql connection string to a superuser on a disposable server.");
    }
}

/// <summary>
/// A fresh database for one test class, dropped afterwards. Its time zone is deliberately far from UTC so
/// that any confusion between timestamp types in the schema shows up as a failing test.
/// </summary>
public class FreshDatabase : IAsyncLifetime
{
    private string? _serverConnectionString;

    public string Name { get; } = $"rr_test_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = "";

    public virtual async ValueTask InitializeAsync()
    {
        _serverConnectionString = TestPostgres.ServerConnectionString();
        await using (var server = new NpgsqlConnection(_serverConnectionString))
        {
            await server.OpenAsync();
            await Execute(server, $"CREATE DATABASE {Name}");
            await Execute(server, $"ALTER DATABASE {Name} SET timezone TO 'Pacific/Chatham'");
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = Name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_serverConnectionString is null) return;
        await using var server = new NpgsqlConnection(_serverConnectionString);
        await server.OpenAsync();
        await Execute(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    /// <summary>Runs a query in this database and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, sql);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fresh database with our schema applied.</summary>
public sealed class SchemaDatabase : FreshDatabase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new Hosting.Persistence.DatabaseInitializer(ConnectionString).ApplyAsync();
    }
}

using Npgsql;

namespace RelevanceRelated.Integration.Tests.Postgres;

/// <summary>
/// The throwaway PostgreSQL server that ./test.sh starts (connection string in RELEVANCERELATED_TEST_PG).
/// Without it the tests fail with a message saying how to get one; they never skip.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "RELEVANCERELATED_TEST_PG";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: run the tests with ./test.sh, which starts a private PostgreSQL server.");

    /// <summary>Creates a fresh, empty database and returns a connection string to it, so tests do not share state.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }
}

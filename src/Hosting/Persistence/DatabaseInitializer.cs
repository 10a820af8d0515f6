using RelevanceRelated.Contracts;
using Npgsql;
using RelevanceRelated.Analysis;

namespace RelevanceRelated.Hosting.Persistence;

/// <summary>What one run of <see cref="DatabaseInitializer"/> did to one component of the schema.</summary>
/// <param name="PreviousVersion">The version the database had before, or null if the component was new.</param>
public sealed record SchemaComponentResult(string Component, int? PreviousVersion, int Version);

/// <summary>
/// Creates or refreshes the PostgreSQL schema the Orleans ADO.NET providers need (membership, grain state,
/// reminders and their stored queries) by running our scripts in one transaction. Running it again is
/// harmless: tables are created only if missing and stored queries are replaced by the current text.
/// Concurrent runs (several silos starting at once) are serialised by an advisory lock.
/// </summary>
public sealed class DatabaseInitializer
{
    /// <summary>UNIQUE NULLS NOT DISTINCT, used by the grain-state table, arrived in PostgreSQL 15.</summary>
    public const int MinimumServerVersionNum = 150000;

    // An arbitrary constant identifying "our schema migration" among advisory locks.
    private const long AdvisoryLockKey = 0x52_52_53_43_48_45_4D_41; // "RRSCHEMA"

    private readonly string _connectionString;

    /// <param name="connectionString">An Npgsql connection string to a role allowed to create tables.</param>
    /// <exception cref="InvalidInputException">The connection string cannot be parsed.</exception>
    public DatabaseInitializer(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException($"PostgreSQL connection string is not valid: {ex.Message}", ex);
        }
        _connectionString = connectionString;
    }

    /// <summary>Applies every script in <see cref="SchemaScript.All"/> and reports each component's version.</summary>
    /// <exception cref="InvalidOperationException">The server is too old, or the database holds a newer schema than these scripts.</exception>
    public async Task<IReadOnlyList<SchemaComponentResult>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (connection.PostgreSqlVersion.Major * 10000 < MinimumServerVersionNum)
            throw new InvalidOperationException(
                $"PostgreSQL {connection.PostgreSqlVersion} is too old for the RelevanceRelated schema; version 15 or newer is required.");

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var before = await ReadVersionsAsync(connection, transaction, cancellationToken);
        var results = new List<SchemaComponentResult>();
        foreach (var script in SchemaScript.All)
        {
            var previous = before.TryGetValue(script.Component, out var v) ? v : (int?)null;
            if (previous > script.Version)
                throw new InvalidOperationException(
                    $"The database holds schema component '{script.Component}' at version {previous}, newer than version " +
                    $"{script.Version} known to this build ({script.FileName}); use a newer RelevanceRelated to manage it.");
            await using var command = new NpgsqlCommand(script.Sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            results.Add(new SchemaComponentResult(script.Component, previous, script.Version));
        }
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>The component versions recorded in the database; empty when the schema was never applied.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ReadVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReadVersionsAsync(connection, null, cancellationToken);
    }

    private static async Task<Dictionary<string, int>> ReadVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('relevancerelated_schema_version') IS NOT NULL", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!) return versions;
        }
        await using var command = new NpgsqlCommand("SELECT component, version FROM relevancerelated_schema_version", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            versions[reader.GetString(0)] = reader.GetInt32(1);
        return versions;
    }
}

using Npgsql;

namespace RelevanceRelated.Integration.Tests.Postgres;

public sealed class PostgresRoundTripTests
{
    [Fact]
    public async Task A_row_written_to_a_new_table_reads_back()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("roundtrip");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        await using (var create = new NpgsqlCommand("CREATE TABLE subjects (id text PRIMARY KEY, age double precision NOT NULL)", connection))
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await using (var insert = new NpgsqlCommand("INSERT INTO subjects (id, age) VALUES (@id, @age)", connection))
        {
            insert.Parameters.AddWithValue("id", "sub-001");
            insert.Parameters.AddWithValue("age", 63.5);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        await using var select = new NpgsqlCommand("SELECT id, age FROM subjects", connection);
        await using var reader = await select.ExecuteReaderAsync(TestContext.Current.CancellationToken);

        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("sub-001", 63.5), (reader.GetString(0), reader.GetDouble(1)));
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }
}

using Npgsql;
using RelevanceRelated.Integration.Tests.Cluster;

namespace RelevanceRelated.Integration.Tests.Postgres;

public sealed class PostgresRoundTripTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    [Fact]
    public async Task A_row_written_to_a_new_table_reads_back()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancel);

        await using (var create = new NpgsqlCommand("CREATE TABLE subjects (id text PRIMARY KEY, age double precision NOT NULL)", connection))
            await create.ExecuteNonQueryAsync(cancel);
        await using (var insert = new NpgsqlCommand("INSERT INTO subjects (id, age) VALUES (@id, @age)", connection))
        {
            insert.Parameters.AddWithValue("id", "sub-001");
            insert.Parameters.AddWithValue("age", 63.5);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(cancel));
        }
        await using var select = new NpgsqlCommand("SELECT id, age FROM subjects", connection);
        await using var reader = await select.ExecuteReaderAsync(cancel);

        Assert.True(await reader.ReadAsync(cancel));
        Assert.Equal(("sub-001", 63.5), (reader.GetString(0), reader.GetDouble(1)));
        Assert.False(await reader.ReadAsync(cancel));
    }
}

using RelevanceRelated.Client;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary><c>relevancerelated db init --connection CONN</c> against a real PostgreSQL.</summary>
public sealed class DbInitCommandTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = ConsoleCommands.CreateRoot();
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = CommandRunner.Run(root, args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Db_init_creates_the_schema_and_a_second_run_finds_it_up_to_date()
    {
        var first = Run("db", "init", "--connection", database.ConnectionString);
        var second = Run("db", "init", "--connection", database.ConnectionString);

        Assert.Equal((ExitCodes.Success, ""), (first.ExitCode, first.Error));
        Assert.Contains("clustering   version 1 (created)", first.Output);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Contains("reminders    version 1 (up to date)", second.Output);
    }

    [Fact]
    public void Db_init_with_a_malformed_connection_string_is_bad_input()
    {
        var result = Run("db", "init", "--connection", "Hots=db");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("connection string", result.Error);
    }

    [Fact]
    public void Db_init_without_a_connection_is_bad_input()
    {
        Assert.Equal(ExitCodes.BadInput, Run("db", "init").ExitCode);
    }
}

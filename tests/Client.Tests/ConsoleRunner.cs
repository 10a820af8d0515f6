using RelevanceRelated.Client;

namespace RelevanceRelated.Client.Tests;

/// <summary>Runs the console in-process, as `relevancerelated ARGS` would, capturing exit code and output.</summary>
public static class ConsoleRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = CommandRunner.Run(ConsoleCommands.CreateRoot(), args, output, error);
        return new Result(exitCode, output.ToString(), error.ToString());
    }
}

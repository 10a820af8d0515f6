using System.CommandLine;
using RelevanceRelated.Analysis;

namespace RelevanceRelated.Client;

/// <summary>
/// Parses the command line and runs the chosen verb, turning failures into the console's exit codes:
/// parse errors and <see cref="InvalidInputException"/> are bad input (2), anything else a failure (1).
/// </summary>
public static class CommandRunner
{
    public static int Run(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null) =>
        RunAsync(root, args, output, error).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="Run"/>; verbs with asynchronous actions (the cluster verbs) get a token that Ctrl-C or SIGTERM
    /// cancels, so the console stops waiting and closes its connection instead of blocking.
    /// </summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var parse = root.Parse(args, new ParserConfiguration());
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run with --help for usage.");
            return ExitCodes.BadInput;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled: the console stopped waiting; work the cluster already accepted goes on there.");
            return ExitCodes.Failure;
        }
        catch (InvalidInputException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error.WriteLine($"failed: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}

namespace RelevanceRelated.Analysis;

/// <summary>
/// Input that a user supplied (a file, a table, a configuration key, a command-line value) is not what
/// was expected. The message names the input and the expectation. The console maps it to exit code 2;
/// every other exception means the work itself failed (exit code 1).
/// </summary>
public class InvalidInputException : Exception
{
    public InvalidInputException(string message) : base(message) { }

    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}

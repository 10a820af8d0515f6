namespace RelevanceRelated.Client;

/// <summary>The console's exit codes, the same for every verb.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The work failed (a stage, a computation, a service).</summary>
    public const int Failure = 1;
    /// <summary>Bad usage or bad input: unknown verb or option, unreadable file, invalid configuration.</summary>
    public const int BadInput = 2;
}

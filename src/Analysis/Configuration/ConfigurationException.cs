namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// The configuration could not be loaded. Carries every error found, each naming file, line, key and expectation,
/// so that <c>config check</c> can report them all at once.
/// </summary>
public sealed class ConfigurationException : InvalidInputException
{
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<ConfigurationError> errors) => errors.Count == 1
        ? $"invalid configuration: {errors[0]}"
        : $"invalid configuration ({errors.Count} errors):{Environment.NewLine}  "
          + string.Join(Environment.NewLine + "  ", errors);
}

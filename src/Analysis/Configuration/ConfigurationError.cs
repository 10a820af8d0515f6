namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// One problem in the configuration: where it is (file and 1-based line; line 0 when no file sets the key),
/// which key, and what was expected.
/// </summary>
public sealed record ConfigurationError(string File, int Line, string KeyPath, string Problem)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}: {KeyPath}: {Problem}" : $"{File}: {KeyPath}: {Problem}";
}

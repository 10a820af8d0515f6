using System.Data.Common;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>Configuration values as they may be shown: passwords inside connection strings replaced by <see cref="Mask"/>.</summary>
public static class SecretRedaction
{
    public const string Mask = "***";

    /// <summary>The keys whose value is a connection string.</summary>
    public static readonly IReadOnlySet<string> ConnectionStringKeys = new HashSet<string>(StringComparer.Ordinal) { "cluster.connection_string" };

    /// <summary><paramref name="value"/> of <paramref name="keyPath"/> with any password masked.</summary>
    public static object Redact(string keyPath, object value) =>
        ConnectionStringKeys.Contains(keyPath) && value is string text ? ConnectionString(text) : value;

    /// <summary>
    /// The connection string with the value of every password key (<c>Password</c>, <c>Pwd</c>, <c>SSL Password</c>, ...)
    /// masked; a string that cannot be parsed is masked whole, since its password cannot be located.
    /// </summary>
    public static string ConnectionString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return text;
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException)
        {
            return Mask;
        }
        foreach (var key in builder.Keys.Cast<string>().ToList())
            if (IsPasswordKey(key)) builder[key] = Mask;
        return builder.ConnectionString;
    }

    private static bool IsPasswordKey(string key) =>
        key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase);
}

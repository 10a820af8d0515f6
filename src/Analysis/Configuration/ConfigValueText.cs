using System.Globalization;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>A configuration value written as TOML would write it, for messages and <c>config show</c>.</summary>
public static class ConfigValueText
{
    public static string Format(object value) => value switch
    {
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<object> list => $"[{string.Join(", ", list.Select(Format))}]",
        _ => value.ToString() ?? "",
    };
}

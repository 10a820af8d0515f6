using System.Globalization;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>Numbers as configuration descriptions write them: round-trip exact, invariant culture, "" when absent.</summary>
internal static class Text
{
    public static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string Numbers(IReadOnlyList<double>? values) => values is null ? "" : string.Join(",", values.Select(v => Number(v)));
}

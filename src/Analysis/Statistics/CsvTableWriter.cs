using System.Globalization;
using System.Text;

namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Writes result tables as CSV, atomically (a temporary file beside the target, then a rename), so a reader
/// never sees half a table. Numbers use the invariant culture and round-trip; NaN is written as an empty cell.
/// </summary>
public static class CsvTableWriter
{
    public static string Format(double value) =>
        double.IsNaN(value) ? "" :
        double.IsPositiveInfinity(value) ? "Inf" :
        double.IsNegativeInfinity(value) ? "-Inf" :
        value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A whole number (counts, codes) in the invariant culture.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        WriteText(path, ToText(header, rows));

    /// <summary>A header line and one line per row, each ending in a newline.</summary>
    public static string ToText(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', header.Select(Quote)).Append('\n');
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"A row has {row.Count} cells but the header has {header.Count}.", nameof(rows));
            sb.AppendJoin(',', row.Select(Quote)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes CSV text atomically.</summary>
    public static void WriteText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new InvalidInputException($"Output folder '{directory}' does not exist.");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}

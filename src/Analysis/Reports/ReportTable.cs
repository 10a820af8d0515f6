using System.Globalization;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>A small table of text cells (numbers already formatted, invariant culture), written as CSV and shown in the report.</summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Writes <c>DIRECTORY/NAME.csv</c> atomically and returns its path.</summary>
    public string WriteCsv(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Name + ".csv");
        CsvTableWriter.Write(path, Header, Rows);
        return path;
    }

    public static string Number(double value) => CsvTableWriter.Format(value);

    /// <summary>A short rendering for the page and the console (4 significant digits).</summary>
    public static string Short(double value) => double.IsNaN(value) ? "NA" : value.ToString("G4", CultureInfo.InvariantCulture);
}

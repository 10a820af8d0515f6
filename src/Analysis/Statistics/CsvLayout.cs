using System.Globalization;

namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// The columns of a typed table: each column's name beside the function that writes its cell, so a table's header
/// and its values are defined in one place. Written with <see cref="CsvTableWriter"/> (atomically; NaN as an empty cell).
/// </summary>
public sealed class CsvLayout<TRow>
{
    private readonly Func<TRow, string>[] _cells;

    public IReadOnlyList<string> Columns { get; }

    public CsvLayout(params (string Name, Func<TRow, string> Cell)[] columns)
    {
        Columns = columns.Select(c => c.Name).ToArray();
        _cells = columns.Select(c => c.Cell).ToArray();
    }

    public IReadOnlyList<string> Cells(TRow row) => _cells.Select(cell => cell(row)).ToArray();

    public void Write(string path, IEnumerable<TRow> rows) => CsvTableWriter.Write(path, Columns, rows.Select(Cells));

    /// <summary>A number cell (round-trip precision; NaN empty).</summary>
    public static string Number(double value) => CsvTableWriter.Format(value);

    /// <summary>An integer cell.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}

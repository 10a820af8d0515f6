namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// The columns of a typed table: each column's name beside the function that writes its cell, so a table's header
/// and its values are defined in one place (cells formatted with <see cref="CsvTableWriter.Format(double)"/>). Written with
/// <see cref="CsvTableWriter"/> (atomically; NaN as an empty cell).
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

    /// <summary>The table as CSV text, as <see cref="Write"/> writes it (header line, then one line per row).</summary>
    public string ToText(IEnumerable<TRow> rows) => CsvTableWriter.ToText(Columns, rows.Select(Cells));
}

using System.Globalization;
using System.Text;

namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// A CSV or TSV table with a header row, read as text cells. Numeric columns are read on request, with empty
/// cells, NA and NaN as missing (NaN). Rows can be filtered (<c>COL=VALUE</c>) and grouped by a column.
/// </summary>
public sealed class Table
{
    private readonly Dictionary<string, int> _index;

    public string Source { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string[]> Rows { get; }
    /// <summary>The 1-based line in the source file of each row, for messages.</summary>
    public IReadOnlyList<int> Lines { get; }

    public Table(string source, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, IReadOnlyList<int> lines)
    {
        Source = source;
        Columns = columns;
        Rows = rows;
        Lines = lines;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
            if (!_index.TryAdd(columns[i], i))
                throw new InvalidInputException($"{source}: column '{columns[i]}' appears twice in the header.");
    }

    public int Count => Rows.Count;

    /// <summary>Reads a table; tab-separated when the file ends in .tsv/.tab or its header has tabs but no commas.</summary>
    public static Table Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"Table '{path}' does not exist.");
        var text = File.ReadAllText(path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var firstLine = text.Split('\n', 2)[0];
        var separator = ext is ".tsv" or ".tab" || (firstLine.Contains('\t') && !firstLine.Contains(',')) ? '\t' : ',';
        return Parse(text, separator, path);
    }

    /// <summary>Parses delimited text (RFC 4180 quoting: "a,b" and doubled quotes inside quotes).</summary>
    public static Table Parse(string text, char separator, string source)
    {
        var records = new List<(int Line, string[] Cells)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    cell.Append(c);
                }
                continue;
            }
            if (c == '"') { inQuotes = true; any = true; }
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); any = true; }
            else if (c == '\r') { }
            else if (c == '\n')
            {
                if (any || cell.Length > 0) { cells.Add(cell.ToString()); records.Add((recordLine, [.. cells])); }
                cells.Clear(); cell.Clear(); any = false;
                line++;
                recordLine = line;
            }
            else { cell.Append(c); any = true; }
        }
        if (inQuotes) throw new InvalidInputException($"{source}:{recordLine}: a quoted cell is not closed.");
        if (any || cell.Length > 0) { cells.Add(cell.ToString()); records.Add((recordLine, [.. cells])); }
        if (records.Count == 0) throw new InvalidInputException($"{source}: the table is empty; a header row was expected.");

        var header = records[0].Cells.Select(h => h.Trim()).ToArray();
        if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF') header[0] = header[0][1..];
        var rows = new List<string[]>(records.Count - 1);
        var lines = new List<int>(records.Count - 1);
        for (var k = 1; k < records.Count; k++)
        {
            var (ln, row) = records[k];
            if (row.Length != header.Length)
                throw new InvalidInputException($"{source}:{ln}: {row.Length} cells, but the header has {header.Length} columns.");
            rows.Add(row);
            lines.Add(ln);
        }
        return new Table(source, header, rows, lines);
    }

    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>The position of a column; a missing column is bad input and the message lists the available ones.</summary>
    public int ColumnIndex(string name) =>
        _index.TryGetValue(name, out var i)
            ? i
            : throw new InvalidInputException($"{Source}: no column '{name}'; the columns are {string.Join(", ", Columns)}.");

    public static bool IsMissing(string cell)
    {
        var t = cell.AsSpan().Trim();
        return t.Length == 0 || t.SequenceEqual("NA") || t.SequenceEqual("NaN") || t.SequenceEqual("nan");
    }

    /// <summary>A column as numbers; missing cells are NaN, anything else that is not a number is bad input.</summary>
    public double[] Numeric(string name)
    {
        var c = ColumnIndex(name);
        var values = new double[Rows.Count];
        for (var r = 0; r < Rows.Count; r++)
        {
            var cell = Rows[r][c];
            if (IsMissing(cell)) { values[r] = double.NaN; continue; }
            if (!double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[r]))
                throw new InvalidInputException($"{Source}:{Lines[r]}: column '{name}' holds '{cell}', which is not a number (missing values are empty or NA).");
        }
        return values;
    }

    /// <summary>A column of whole numbers (counts, label codes); missing cells are null, a fraction is bad input.</summary>
    public long?[] Integers(string name)
    {
        var numbers = Numeric(name);
        var values = new long?[numbers.Length];
        for (var r = 0; r < numbers.Length; r++)
        {
            var v = numbers[r];
            if (double.IsNaN(v)) continue;
            if (v != Math.Floor(v) || Math.Abs(v) > long.MaxValue / 2)
                throw new InvalidInputException($"{Source}:{Lines[r]}: column '{name}' holds '{v}'; expected a whole number.");
            values[r] = (long)v;
        }
        return values;
    }

    /// <summary>A column of whole numbers that must all be present.</summary>
    public long[] RequiredIntegers(string name)
    {
        var values = Integers(name);
        var result = new long[values.Length];
        for (var r = 0; r < values.Length; r++)
            result[r] = values[r] ?? throw new InvalidInputException($"{Source}:{Lines[r]}: column '{name}' is empty; expected a whole number.");
        return result;
    }

    /// <summary>A column as trimmed text.</summary>
    public string[] Text(string name)
    {
        var c = ColumnIndex(name);
        return Rows.Select(row => row[c].Trim()).ToArray();
    }

    /// <summary>The rows whose cell in every filter's column equals its value (trimmed, ordinal).</summary>
    public Table Where(IEnumerable<TableFilter> filters)
    {
        var list = filters.ToList();
        if (list.Count == 0) return this;
        var columns = list.Select(f => ColumnIndex(f.Column)).ToArray();
        var rows = new List<string[]>();
        var lines = new List<int>();
        for (var r = 0; r < Rows.Count; r++)
        {
            var keep = true;
            for (var k = 0; k < list.Count && keep; k++)
                keep = string.Equals(Rows[r][columns[k]].Trim(), list[k].Value, StringComparison.Ordinal);
            if (!keep) continue;
            rows.Add(Rows[r]);
            lines.Add(Lines[r]);
        }
        return new Table(Source, Columns, rows, lines);
    }

    /// <summary>Sub-tables per distinct value of a column, in order of first appearance.</summary>
    public IReadOnlyList<(string Key, Table Rows)> GroupBy(string column) => GroupBy([column]);

    /// <summary>
    /// Sub-tables per distinct combination of several columns (e.g. hemisphere and structure_name), in order of first
    /// appearance; the key joins the values with <paramref name="separator"/> as R's <c>paste(a, b, sep = "_")</c>.
    /// </summary>
    public IReadOnlyList<(string Key, Table Rows)> GroupBy(IReadOnlyList<string> columns, string separator = "_")
    {
        if (columns.Count == 0) throw new InvalidInputException("--by: at least one column is needed.");
        var indices = columns.Select(ColumnIndex).ToArray();
        var groups = new Dictionary<string, (List<string[]> Rows, List<int> Lines)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            var key = indices.Length == 1 ? row[indices[0]].Trim() : string.Join(separator, indices.Select(c => row[c].Trim()));
            if (!groups.TryGetValue(key, out var g))
            {
                g = ([], []);
                groups[key] = g;
                order.Add(key);
            }
            g.Rows.Add(Rows[r]);
            g.Lines.Add(Lines[r]);
        }
        return order.Select(k => (k, new Table(Source, Columns, groups[k].Rows, groups[k].Lines))).ToList();
    }
}

using System.Globalization;

namespace RelevanceRelated.Analysis.Features.FreeSurfer;

/// <summary>
/// A FreeSurfer .stats file as written by mri_segstats and mris_anatomical_stats: <c># key value</c> header lines
/// (e.g. <c>hemi</c>, <c>subjectname</c>), <c># Measure</c> lines, and a whitespace-separated table described by
/// <c># ColHeaders</c> (absent in brainvol.stats). Every error names the file and the line.
/// </summary>
public sealed class FreeSurferStatsFile
{
    private readonly Dictionary<string, int> _columns;

    public string Path { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }
    public IReadOnlyList<StatsMeasure> Measures { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string[]> Rows { get; }
    /// <summary>The 1-based line of each row in the file.</summary>
    public IReadOnlyList<int> RowLines { get; }

    private FreeSurferStatsFile(string path, Dictionary<string, string> headers, List<StatsMeasure> measures,
        string[] columns, List<string[]> rows, List<int> lines)
    {
        Path = path;
        Headers = headers;
        Measures = measures;
        Columns = columns;
        Rows = rows;
        RowLines = lines;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++) _columns.TryAdd(columns[i], i);
    }

    public static FreeSurferStatsFile Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"FreeSurfer stats file '{path}' does not exist.");
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var measures = new List<StatsMeasure>();
        string[]? columns = null;
        var rows = new List<string[]>();
        var lines = new List<int>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                var body = line[1..].Trim();
                if (body.StartsWith("Measure ", StringComparison.Ordinal)) measures.Add(ParseMeasure(path, number, body["Measure ".Length..]));
                else if (body.StartsWith("ColHeaders", StringComparison.Ordinal))
                    columns = body["ColHeaders".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                else if (body.Length > 0 && !body.StartsWith("TableCol", StringComparison.Ordinal))
                {
                    var space = body.IndexOfAny([' ', '\t']);
                    if (space > 0) headers.TryAdd(body[..space], body[(space + 1)..].Trim());
                }
                continue;
            }
            if (columns is null)
                throw new InvalidInputException($"{path}:{number}: a table row comes before the '# ColHeaders' line.");
            var cells = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != columns.Length)
                throw new InvalidInputException($"{path}:{number}: {cells.Length} fields, but '# ColHeaders' names {columns.Length} columns.");
            rows.Add(cells);
            lines.Add(number);
        }
        if (measures.Count == 0 && columns is null)
            throw new InvalidInputException($"{path}: neither '# Measure' lines nor a '# ColHeaders' table; not a FreeSurfer stats file.");
        return new FreeSurferStatsFile(path, headers, measures, columns ?? [], rows, lines);
    }

    private static StatsMeasure ParseMeasure(string path, int line, string text)
    {
        // "structure, name, description, value, unit"; the description is everything between the 2nd and the last two.
        var parts = text.Split(',').Select(p => p.Trim()).ToArray();
        if (parts.Length < 5)
            throw new InvalidInputException($"{path}:{line}: '# Measure' needs 'structure, name, description, value, unit'; got '{text}'.");
        var valueText = parts[^2];
        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new InvalidInputException($"{path}:{line}: measure '{parts[1]}' has value '{valueText}', which is not a number.");
        return new StatsMeasure(parts[0], parts[1], string.Join(", ", parts[2..^2]), value, parts[^1]);
    }

    /// <summary>A measure's value by its name (e.g. eTIV, BrainSegVol) or, failing that, its structure.</summary>
    public double Measure(string name)
    {
        var m = Measures.FirstOrDefault(x => x.Name == name) ?? Measures.FirstOrDefault(x => x.Structure == name);
        return m?.Value ?? throw new InvalidInputException(
            $"{Path}: no measure '{name}'; the measures are {string.Join(", ", Measures.Select(x => x.Name))}.");
    }

    public int ColumnIndex(string name) =>
        _columns.TryGetValue(name, out var i)
            ? i
            : throw new InvalidInputException($"{Path}: no column '{name}'; the columns are {string.Join(", ", Columns)}.");

    public string Text(int row, string column) => Rows[row][ColumnIndex(column)];

    public double Number(int row, string column)
    {
        var cell = Text(row, column);
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidInputException($"{Path}:{RowLines[row]}: column '{column}' holds '{cell}', which is not a number.");
    }

    public int Integer(int row, string column)
    {
        var cell = Text(row, column);
        return int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidInputException($"{Path}:{RowLines[row]}: column '{column}' holds '{cell}', which is not an integer.");
    }
}

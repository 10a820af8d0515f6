using System.Text;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>
/// Concatenates subjects' rows of the original's tables into the merged tables, streaming each to its file under a
/// folder (one open file per table), so a large cohort's tables never sit in memory whole. Every subject's part must
/// carry the same header as the first one seen for that table.
/// </summary>
public sealed class MergedTableWriter(string root) : IDisposable
{
    private readonly Dictionary<string, (StreamWriter Writer, string Header, AnalysisKind Kind, int Rows)> _tables = new(StringComparer.Ordinal);

    /// <summary>Tables written so far: path under the root, analysis and row count.</summary>
    public IEnumerable<(string RelativePath, AnalysisKind Kind, int Rows)> Tables => _tables.Select(t => (t.Key, t.Value.Kind, t.Value.Rows));

    /// <exception cref="InvalidInputException">The part has no header, or a header other than the table's.</exception>
    public void Add(string subject, SubjectTable part)
    {
        var text = part.Csv.AsSpan();
        var newline = text.IndexOf('\n');
        if (newline < 0) throw new InvalidInputException($"{part.RelativePath} of subject '{subject}': no header line.");
        var header = text[..newline].ToString();
        var body = text[(newline + 1)..];
        if (!_tables.TryGetValue(part.RelativePath, out var table))
        {
            var path = Path.Combine(root, part.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
            writer.Write(header);
            writer.Write('\n');
            table = (writer, header, part.Kind, 0);
        }
        else if (table.Header != header)
            throw new InvalidInputException($"{part.RelativePath} of subject '{subject}': its columns differ from the other subjects' ({header} vs {table.Header}); rerun its analyses stage.");
        table.Writer.Write(body);
        var rows = 0;
        foreach (var c in body) if (c == '\n') rows++;
        _tables[part.RelativePath] = table with { Rows = table.Rows + rows };
    }

    /// <summary>Flushes and closes every table's file.</summary>
    public void Dispose()
    {
        foreach (var table in _tables.Values) table.Writer.Dispose();
    }
}

using System.Globalization;
using System.Text;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// Per-subject tables of a finished cohort: one TSV per stage (<c>STAGE.tsv</c>), a row per subject, a column per
/// small result the stage recorded (union over subjects, sorted; empty where a subject has none), then status and error.
/// </summary>
public static class CohortTables
{
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(IReadOnlyList<SubjectDetails> subjects, IEnumerable<string> stages, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var stage in stages)
        {
            var records = subjects.Select(s => (s.SubjectId, Record: s.Stages.FirstOrDefault(r => r.Stage == stage))).ToList();
            var columns = records.Where(r => r.Record is not null).SelectMany(r => r.Record!.Values.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            var text = new StringBuilder();
            text.AppendJoin('\t', ["participant_id", .. columns, "status", "error"]).Append('\n');
            foreach (var (id, record) in records)
            {
                text.Append(id);
                foreach (var column in columns)
                    text.Append('\t').Append(record is not null && record.Values.TryGetValue(column, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "");
                text.Append('\t').Append(record?.Status.ToString().ToLowerInvariant() ?? "pending")
                    .Append('\t').Append(record?.LastError?.ReplaceLineEndings(" ").Replace('\t', ' ') ?? "").Append('\n');
            }
            var path = Path.Combine(directory, $"{stage}.tsv");
            var temp = path + $".{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
            written.Add(path);
        }
        return written;
    }
}

using RelevanceRelated.Analysis.Features;

namespace RelevanceRelated.Analysis.Analyses.Pvs;

/// <summary>One PVS table: its configuration and the subjects' rows.</summary>
public sealed record PvsTable(PvsConfiguration Configuration, IReadOnlyList<MaskMetricsRow> Rows);

/// <summary>The cohort side of the PVS sweep: the subjects' rows gathered into one table per configuration.</summary>
public static class PvsCohort
{
    public const string SubjectColumn = "SIC";

    /// <summary>Tables in the order their configurations first appear; rows in the order given.</summary>
    public static IReadOnlyList<PvsTable> Tables(IEnumerable<PvsRow> rows)
    {
        var order = new List<PvsConfiguration>();
        var byConfiguration = new Dictionary<PvsConfiguration, (List<MaskMetricsRow> Rows, HashSet<string> Subjects)>();
        foreach (var row in rows)
        {
            if (!byConfiguration.TryGetValue(row.Configuration, out var table))
            {
                byConfiguration[row.Configuration] = table = ([], new HashSet<string>(StringComparer.Ordinal));
                order.Add(row.Configuration);
            }
            if (!table.Subjects.Add(row.Row.Subject))
                throw new InvalidInputException($"PVS: subject '{row.Row.Subject}' has two rows in {row.Configuration.FileName}.");
            table.Rows.Add(row.Row);
        }
        return order.Select(c => new PvsTable(c, byConfiguration[c].Rows)).ToList();
    }

    public static string Write(PvsTable table, ResultsLayout layout)
    {
        var path = ResultsLayout.In(layout.Pvs, table.Configuration.FileName);
        MaskMetricsTable.Layout(MaskFeature.Pvs, SubjectColumn).Write(path, table.Rows);
        return path;
    }
}

using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>One subject's relevance-in-mask metrics: a row of WMlesion.csv or of a PVS table.</summary>
public sealed record MaskMetricsRow(string Subject, MaskMetrics Metrics);

/// <summary>
/// The layout of the original's mask tables: the subject column (<c>sic</c> in WMlesion.csv, <c>SIC</c> in the PVS
/// tables) and the 13 metric columns of <see cref="MaskMetrics"/>. The original's pandas row index is not written.
/// </summary>
public static class MaskMetricsTable
{
    public static CsvLayout<MaskMetricsRow> Layout(MaskFeature feature, string subjectColumn)
    {
        var names = MaskMetrics.ColumnNames(feature);
        var columns = new List<(string, Func<MaskMetricsRow, string>)> { (subjectColumn, r => r.Subject) };
        for (var k = 0; k < names.Count; k++)
        {
            var index = k;
            columns.Add((names[k], r => CsvTableWriter.Format(r.Metrics.Values()[index])));
        }
        return new CsvLayout<MaskMetricsRow>([.. columns]);
    }

    /// <summary>Reads a mask table back (e.g. WMlesion.csv written by the original or by us); missing cells are NaN.</summary>
    public static IReadOnlyList<MaskMetricsRow> Read(Table table, MaskFeature feature, string subjectColumn)
    {
        var subjects = table.Text(subjectColumn);
        var counts = table.RequiredIntegers($"n_{feature.Name()}_voxel");
        var columns = MaskMetrics.ColumnNames(feature).Select(table.Numeric).ToArray();
        var rows = new List<MaskMetricsRow>(table.Count);
        for (var i = 0; i < table.Count; i++)
        {
            double V(int k) => columns[k][i];
            if (counts[i] < 0) throw new InvalidInputException($"{table.Source}:{table.Lines[i]}: n_{feature.Name()}_voxel is {counts[i]}; expected a voxel count.");
            rows.Add(new MaskMetricsRow(subjects[i], new MaskMetrics(feature,
                V(0), V(1), counts[i], V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10), V(11), V(12))));
        }
        return rows;
    }
}

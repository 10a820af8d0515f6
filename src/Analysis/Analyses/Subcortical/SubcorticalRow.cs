using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Subcortical;

/// <summary>
/// One aseg.stats structure of one subject with the relevance over its code in the label volume, in the original's
/// column names: its pandas parse of aseg.stats named the columns Column (Index), label_id (SegId), voxel (NVoxels),
/// volume (Volume_mm3), label_name (StructName), Mean, STD, Min, Max, Range (normMean ... normRange) and NA1, NA2
/// (two names beyond the file's ten columns, always empty). A configured ROI the stats file lacks is a row with only
/// its name, subject, age and brain age.
/// </summary>
public sealed record SubcorticalRow(
    int? Index,
    int? LabelId,
    int? Voxels,
    double Volume,
    string LabelName,
    double Mean,
    double Std,
    double Min,
    double Max,
    double Range,
    string Subject,
    string SourceBasename,
    double MeanRelevance,
    double SumRelevance,
    double MinRelevance,
    double MaxRelevance,
    double Age,
    double BrainAge);

/// <summary>The merged table merged_subcort_aseg.csv (the original's columns and order, without its pandas row index).</summary>
public static class SubcorticalTable
{
    public const string FileName = "merged_subcort_aseg.csv";

    private static string I(int? v) => v is { } x ? CsvTableWriter.Format(x) : "";

    public static readonly CsvLayout<SubcorticalRow> Layout = new(
        ("Column", r => I(r.Index)),
        ("label_id", r => I(r.LabelId)),
        ("voxel", r => I(r.Voxels)),
        ("volume", r => CsvTableWriter.Format(r.Volume)),
        ("label_name", r => r.LabelName),
        ("Mean", r => CsvTableWriter.Format(r.Mean)),
        ("STD", r => CsvTableWriter.Format(r.Std)),
        ("Min", r => CsvTableWriter.Format(r.Min)),
        ("Max", r => CsvTableWriter.Format(r.Max)),
        ("Range", r => CsvTableWriter.Format(r.Range)),
        ("NA1", _ => ""),
        ("NA2", _ => ""),
        ("subject", r => r.Subject),
        ("source_basename", r => r.SourceBasename),
        ("mean_relevance", r => CsvTableWriter.Format(r.MeanRelevance)),
        ("sum_relevance", r => CsvTableWriter.Format(r.SumRelevance)),
        ("min_relevance", r => CsvTableWriter.Format(r.MinRelevance)),
        ("max_relevance", r => CsvTableWriter.Format(r.MaxRelevance)),
        ("age", r => CsvTableWriter.Format(r.Age)),
        ("brain_age", r => CsvTableWriter.Format(r.BrainAge)));

    /// <summary>Reads a merged subcortical table (ours or the original's).</summary>
    public static IReadOnlyList<SubcorticalRow> Read(Table table)
    {
        double[] D(string c) => table.Numeric(c);
        var (index, label, voxels, volume) = (table.Integers("Column"), table.Integers("label_id"), table.Integers("voxel"), D("volume"));
        var (mean, std, min, max, range) = (D("Mean"), D("STD"), D("Min"), D("Max"), D("Range"));
        var (meanR, sumR, minR, maxR, age, brainAge) = (D("mean_relevance"), D("sum_relevance"), D("min_relevance"), D("max_relevance"), D("age"), D("brain_age"));
        var (name, subject, source) = (table.Text("label_name"), table.Text("subject"), table.Text("source_basename"));
        var rows = new List<SubcorticalRow>(table.Count);
        for (var i = 0; i < table.Count; i++)
            rows.Add(new SubcorticalRow((int?)index[i], (int?)label[i], (int?)voxels[i], volume[i], name[i],
                mean[i], std[i], min[i], max[i], range[i], subject[i], source[i], meanR[i], sumR[i], minR[i], maxR[i], age[i], brainAge[i]));
        return rows;
    }
}

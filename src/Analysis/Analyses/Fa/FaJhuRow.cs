using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Fa;

/// <summary>
/// One JHU white-matter label of one subject: its voxel count in the atlas and the min, max, mean and sum of the FA
/// map and of the relevance map over it (NaN for a label without voxels), with age and brain age.
/// </summary>
public sealed record FaJhuRow(
    string Hemisphere,
    string StructureName,
    string Subject,
    int LabelId,
    long NVoxels,
    double MinFa,
    double MaxFa,
    double MeanFa,
    double SumFa,
    double MinRelevance,
    double MaxRelevance,
    double MeanRelevance,
    double SumRelevance,
    double Age,
    double BrainAge);

/// <summary>merged_fa-{t1,flair}_jhu.csv, in the original's columns and order (without its pandas row index).</summary>
public static class FaJhuTable
{
    public static string FileName(RelevanceSequence sequence) => $"merged_fa-{sequence.Name()}_jhu.csv";


    public static readonly CsvLayout<FaJhuRow> Layout = new(
        ("hemisphere", r => r.Hemisphere),
        ("structure_name", r => r.StructureName),
        ("subject", r => r.Subject),
        ("label_id", r => CsvTableWriter.Format(r.LabelId)),
        ("n_voxels", r => CsvTableWriter.Format(r.NVoxels)),
        ("min_fa", r => CsvTableWriter.Format(r.MinFa)),
        ("max_fa", r => CsvTableWriter.Format(r.MaxFa)),
        ("mean_fa", r => CsvTableWriter.Format(r.MeanFa)),
        ("sum_fa", r => CsvTableWriter.Format(r.SumFa)),
        ("min_relevance", r => CsvTableWriter.Format(r.MinRelevance)),
        ("max_relevance", r => CsvTableWriter.Format(r.MaxRelevance)),
        ("mean_relevance", r => CsvTableWriter.Format(r.MeanRelevance)),
        ("sum_relevance", r => CsvTableWriter.Format(r.SumRelevance)),
        ("age", r => CsvTableWriter.Format(r.Age)),
        ("brain_age", r => CsvTableWriter.Format(r.BrainAge)));

    public static IReadOnlyList<FaJhuRow> Read(Table table)
    {
        double[] D(string c) => table.Numeric(c);
        var (hemisphere, name, subject) = (table.Text("hemisphere"), table.Text("structure_name"), table.Text("subject"));
        var (label, n) = (table.RequiredIntegers("label_id"), table.RequiredIntegers("n_voxels"));
        var (minFa, maxFa, meanFa, sumFa) = (D("min_fa"), D("max_fa"), D("mean_fa"), D("sum_fa"));
        var (minR, maxR, meanR, sumR) = (D("min_relevance"), D("max_relevance"), D("mean_relevance"), D("sum_relevance"));
        var (age, brainAge) = (D("age"), D("brain_age"));
        var rows = new List<FaJhuRow>(table.Count);
        for (var i = 0; i < table.Count; i++)
            rows.Add(new FaJhuRow(hemisphere[i], name[i], subject[i], (int)label[i], n[i], minFa[i], maxFa[i], meanFa[i], sumFa[i],
                minR[i], maxR[i], meanR[i], sumR[i], age[i], brainAge[i]));
        return rows;
    }
}

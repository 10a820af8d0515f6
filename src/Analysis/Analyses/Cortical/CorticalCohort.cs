using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Cortical;

/// <summary>A whole-cortex correlation across subjects: the subjects' summed relevance against a whole-cortex measure.</summary>
public sealed record WholeCortexCorrelation(string Measure, int N, double R, double P);

/// <summary>The cortical statistics of one atlas.</summary>
public sealed record CorticalResult(
    CorticalAtlas Atlas,
    IReadOnlyList<CorticalRow> Table,
    IReadOnlyList<LabelCorrelation> GrayMatterVolume,
    IReadOnlyList<LabelCorrelation> Thickness,
    IReadOnlyList<WholeCortexCorrelation> WholeCortex);

/// <summary>
/// The cohort side of the CS analysis, as gm_cortical_surface_plots.R: per hemisphere × region label (<c>lh_bankssts</c>,
/// in order of first appearance) <c>cor.test(sum_relevance, gray_matter_volume_mm^3)</c> and
/// <c>cor.test(sum_relevance, average_thickness_mm)</c> across subjects, Bonferroni × the number of labels (68 for
/// Desikan-Killiany), significant when below <c>[params].alpha</c>. Added here: the whole cortex, each subject's summed
/// relevance over all regions against its total grey-matter volume and its vertex-weighted mean thickness
/// (Σ thickness·vertices / Σ vertices, FreeSurfer's MeanThickness).
/// </summary>
public static class CorticalCohort
{
    public const string TotalGrayMatterVolume = "total_gray_matter_volume_mm^3";
    public const string VertexWeightedThickness = "vertex_weighted_average_thickness_mm";

    public static readonly CsvLayout<WholeCortexCorrelation> WholeCortexLayout = new(
        ("measure", c => c.Measure), ("n", c => CsvTableWriter.Format(c.N)),
        ("r", c => CsvTableWriter.Format(c.R)), ("p_value", c => CsvTableWriter.Format(c.P)));

    public static CorticalResult Run(CorticalAtlas atlas, IReadOnlyList<CorticalRow> rows, double alpha)
    {
        var byLabel = rows.GroupBy(r => r.Label).ToList();
        var gmv = LabelCorrelation.PerGroup(byLabel, r => r.SumRelevance, r => r.GrayMatterVolumeMm3, alpha);
        var ct = LabelCorrelation.PerGroup(byLabel, r => r.SumRelevance, r => r.AverageThicknessMm, alpha);
        return new CorticalResult(atlas, rows, gmv, ct, WholeCortex(rows));
    }

    private static IReadOnlyList<WholeCortexCorrelation> WholeCortex(IReadOnlyList<CorticalRow> rows)
    {
        var subjects = rows.GroupBy(r => r.Subject).ToList();
        var relevance = subjects.Select(s => s.Sum(r => r.SumRelevance)).ToArray();
        var volume = subjects.Select(s => s.Sum(r => r.GrayMatterVolumeMm3)).ToArray();
        var thickness = subjects.Select(s => s.Sum(r => r.AverageThicknessMm * r.NumberOfVertices) / s.Sum(r => (double)r.NumberOfVertices)).ToArray();
        var (nv, rv, pv) = LabelCorrelation.Pearson(relevance, volume);
        var (nt, rt, pt) = LabelCorrelation.Pearson(relevance, thickness);
        return [new(TotalGrayMatterVolume, nv, rv, pv), new(VertexWeightedThickness, nt, rt, pt)];
    }

    /// <param name="includeTable">Also write the merged table (not when the statistics were run on that very file).</param>
    public static IReadOnlyList<string> Write(CorticalResult result, ResultsLayout layout, bool includeTable = true)
    {
        var name = result.Atlas.Name();
        var written = new List<string>(4);
        if (includeTable)
        {
            written.Add(ResultsLayout.In(layout.StatsMaps, CorticalTable.FileName(result.Atlas)));
            CorticalTable.Layout.Write(written[0], result.Table);
        }
        var gmv = ResultsLayout.In(layout.Gm, $"correlation_results_cortical_gmv_{name}.csv");
        LabelCorrelation.CorticalLayout.Write(gmv, result.GrayMatterVolume);
        var ct = ResultsLayout.In(layout.Gm, $"correlation_results_cortical_ct_{name}.csv");
        LabelCorrelation.CorticalLayout.Write(ct, result.Thickness);
        var whole = ResultsLayout.In(layout.Gm, $"correlation_results_cortical_wholebrain_{name}.csv");
        WholeCortexLayout.Write(whole, result.WholeCortex);
        return [.. written, gmv, ct, whole];
    }
}

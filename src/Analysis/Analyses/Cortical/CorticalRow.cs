using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Cortical;

/// <summary>
/// One cortical region of one subject in one atlas: every column of ?h.aparc*.stats (named as the freesurfer-stats
/// package the original used), the region's label code, and the relevance over its voxels in the label volume
/// (NaN when the label has no voxels), with age and brain age.
/// </summary>
public sealed record CorticalRow(
    string Hemisphere,
    string StructureName,
    int NumberOfVertices,
    double SurfaceAreaMm2,
    double GrayMatterVolumeMm3,
    double AverageThicknessMm,
    double ThicknessStddevMm,
    double MeanCurvature,
    double GaussianCurvature,
    double FoldingIndex,
    double IntrinsicCurvatureIndex,
    string Subject,
    string SourceBasename,
    int LabelId,
    double MeanRelevance,
    double SumRelevance,
    double MinRelevance,
    double MaxRelevance,
    double Age,
    double BrainAge)
{
    /// <summary>The R script's label: hemisphere abbreviated (left → lh) and the region, e.g. <c>lh_bankssts</c>.</summary>
    public string Label => $"{(Hemisphere == "left" ? "lh" : Hemisphere == "right" ? "rh" : Hemisphere)}_{StructureName}";
}

/// <summary>
/// The merged table <c>merged_cs_{dktbase,dkt,destrieux}.csv</c> with the original's columns in its order (the
/// per-subject stats columns, then subject, source_basename, label_id, the four relevance columns, age, brain_age);
/// the pandas row index the original also wrote is left out.
/// </summary>
public static class CorticalTable
{
    public static string FileName(CorticalAtlas atlas) => $"merged_cs_{atlas.Name()}.csv";


    public static readonly CsvLayout<CorticalRow> Layout = new(
        ("hemisphere", r => r.Hemisphere),
        ("structure_name", r => r.StructureName),
        ("number_of_vertices", r => CsvTableWriter.Format(r.NumberOfVertices)),
        ("surface_area_mm^2", r => CsvTableWriter.Format(r.SurfaceAreaMm2)),
        ("gray_matter_volume_mm^3", r => CsvTableWriter.Format(r.GrayMatterVolumeMm3)),
        ("average_thickness_mm", r => CsvTableWriter.Format(r.AverageThicknessMm)),
        ("thickness_stddev_mm", r => CsvTableWriter.Format(r.ThicknessStddevMm)),
        ("integrated_rectified_mean_curvature_mm^-1", r => CsvTableWriter.Format(r.MeanCurvature)),
        ("integrated_rectified_gaussian_curvature_mm^-2", r => CsvTableWriter.Format(r.GaussianCurvature)),
        ("folding_index", r => CsvTableWriter.Format(r.FoldingIndex)),
        ("intrinsic_curvature_index", r => CsvTableWriter.Format(r.IntrinsicCurvatureIndex)),
        ("subject", r => r.Subject),
        ("source_basename", r => r.SourceBasename),
        ("label_id", r => CsvTableWriter.Format(r.LabelId)),
        ("mean_relevance", r => CsvTableWriter.Format(r.MeanRelevance)),
        ("sum_relevance", r => CsvTableWriter.Format(r.SumRelevance)),
        ("min_relevance", r => CsvTableWriter.Format(r.MinRelevance)),
        ("max_relevance", r => CsvTableWriter.Format(r.MaxRelevance)),
        ("age", r => CsvTableWriter.Format(r.Age)),
        ("brain_age", r => CsvTableWriter.Format(r.BrainAge)));

    /// <summary>Reads a merged cortical table (ours or the original's; a leading unnamed index column is ignored).</summary>
    public static IReadOnlyList<CorticalRow> Read(Table table)
    {
        string[] T(string c) => table.Text(c);
        double[] D(string c) => table.Numeric(c);
        var (hemisphere, structure, subject, source) = (T("hemisphere"), T("structure_name"), T("subject"), T("source_basename"));
        var (vertices, labelId) = (table.RequiredIntegers("number_of_vertices"), table.RequiredIntegers("label_id"));
        var (area, volume, thickness, thicknessSd) = (D("surface_area_mm^2"), D("gray_matter_volume_mm^3"),
            D("average_thickness_mm"), D("thickness_stddev_mm"));
        var (meanCurv, gausCurv, folding, curvIndex) = (D("integrated_rectified_mean_curvature_mm^-1"), D("integrated_rectified_gaussian_curvature_mm^-2"),
            D("folding_index"), D("intrinsic_curvature_index"));
        var (mean, sum, min, max) = (D("mean_relevance"), D("sum_relevance"), D("min_relevance"), D("max_relevance"));
        var (age, brainAge) = (D("age"), D("brain_age"));
        var rows = new List<CorticalRow>(table.Count);
        for (var i = 0; i < table.Count; i++)
            rows.Add(new CorticalRow(hemisphere[i], structure[i], (int)vertices[i], area[i], volume[i], thickness[i],
                thicknessSd[i], meanCurv[i], gausCurv[i], folding[i], curvIndex[i], subject[i], source[i], (int)labelId[i],
                mean[i], sum[i], min[i], max[i], age[i], brainAge[i]));
        return rows;
    }
}

using System.Globalization;
using System.Text;

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// Writes a simulated subject's <c>stats/aseg.stats</c> and <c>stats/?h.aparc.stats</c> (and the DKT40 and Destrieux
/// <c>?h.aparc.DKTatlas40.stats</c>, <c>?h.aparc.a2009s.stats</c>) in FreeSurfer's text format
/// (as mri_segstats and mris_anatomical_stats write them: <c># Measure</c> lines, <c># TableCol</c> descriptions,
/// <c># ColHeaders</c> and fixed-width rows). Volumes are voxel counts times the voxel volume, so
/// NVoxels equals the label count in aseg.mgz exactly. No time stamps, so the files are reproducible.
/// </summary>
public static class FreeSurferStatsWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>aseg.stats: the 45 standard rows with counts and T1 intensity statistics, and the global measures.</summary>
    public static string Aseg(SimulatedSubject subject, string subjectName)
    {
        var counts = subject.LabelCounts();
        var voxel = subject.Grid.VoxelVolume;
        double Count(Func<int, bool> which) => counts.Where(c => c.Key != 0 && which(c.Key)).Sum(c => (double)c.Value) * voxel;
        var brainSeg = Count(l => l != AsegLabels.Csf);
        var ventricles = Count(AsegLabels.IsVentricle);
        var lhCortex = Count(l => l == AsegLabels.LeftCortex);
        var rhCortex = Count(l => l == AsegLabels.RightCortex);
        var lhWhite = Count(l => l == AsegLabels.LeftWhiteMatter);
        var rhWhite = Count(l => l == AsegLabels.RightWhiteMatter);
        var subcortical = Count(AsegLabels.IsSubcorticalGrey);
        var cerebellarGrey = Count(l => l is AsegLabels.LeftCerebellumCortex or AsegLabels.RightCerebellumCortex);
        var supra = Count(l => l != AsegLabels.Csf && !AsegLabels.IsInfratentorial(l));
        var supraNotVent = Count(l => l != AsegLabels.Csf && !AsegLabels.IsInfratentorial(l) && !AsegLabels.IsVentricle(l));
        var etiv = subject.IntracranialVoxels * voxel;
        var mask = etiv;

        var b = new StringBuilder();
        Line(b, "# Title Segmentation Statistics ");
        Line(b, "# ");
        Line(b, "# generating_program relevancerelated simulate");
        Line(b, "# cvs_version simulated");
        Line(b, $"# cmdline relevancerelated simulate (subject {subjectName}, seed {subject.Spec.CohortSeed})");
        Line(b, "# anatomy_type volume");
        Line(b, "# ");
        Line(b, $"# subjectname {subjectName}");
        Measure(b, "BrainSeg, BrainSegVol, Brain Segmentation Volume", brainSeg, "mm^3");
        Measure(b, "BrainSegNotVent, BrainSegVolNotVent, Brain Segmentation Volume Without Ventricles", brainSeg - ventricles, "mm^3");
        Measure(b, "VentricleChoroidVol, VentricleChoroidVol, Volume of ventricles and choroid plexus", ventricles, "mm^3");
        Measure(b, "lhCortex, lhCortexVol, Left hemisphere cortical gray matter volume", lhCortex, "mm^3");
        Measure(b, "rhCortex, rhCortexVol, Right hemisphere cortical gray matter volume", rhCortex, "mm^3");
        Measure(b, "Cortex, CortexVol, Total cortical gray matter volume", lhCortex + rhCortex, "mm^3");
        Measure(b, "lhCerebralWhiteMatter, lhCerebralWhiteMatterVol, Left hemisphere cerebral white matter volume", lhWhite, "mm^3");
        Measure(b, "rhCerebralWhiteMatter, rhCerebralWhiteMatterVol, Right hemisphere cerebral white matter volume", rhWhite, "mm^3");
        Measure(b, "CerebralWhiteMatter, CerebralWhiteMatterVol, Total cerebral white matter volume", lhWhite + rhWhite, "mm^3");
        Measure(b, "SubCortGray, SubCortGrayVol, Subcortical gray matter volume", subcortical, "mm^3");
        Measure(b, "TotalGray, TotalGrayVol, Total gray matter volume", lhCortex + rhCortex + subcortical + cerebellarGrey, "mm^3");
        Measure(b, "SupraTentorial, SupraTentorialVol, Supratentorial volume", supra, "mm^3");
        Measure(b, "SupraTentorialNotVent, SupraTentorialVolNotVent, Supratentorial volume", supraNotVent, "mm^3");
        Measure(b, "Mask, MaskVol, Mask Volume", mask, "mm^3");
        Line(b, $"# Measure BrainSegVol-to-eTIV, BrainSegVol-to-eTIV, Ratio of BrainSegVol to eTIV, {F(brainSeg / etiv, "F6")}, unitless");
        Line(b, $"# Measure MaskVol-to-eTIV, MaskVol-to-eTIV, Ratio of MaskVol to eTIV, {F(mask / etiv, "F6")}, unitless");
        Measure(b, "EstimatedTotalIntraCranialVol, eTIV, Estimated Total Intracranial Volume", etiv, "mm^3");
        Line(b, "# SegVolFile mri/aseg.mgz ");
        Line(b, "# InVolFile  T1w ");
        Line(b, "# InVolFrame 0 ");
        Line(b, "# Excluding Cortical Gray and White Matter");
        Line(b, "# ExcludeSegId 0 2 3 41 42 ");
        Line(b, $"# VoxelVolume_mm3 {F(voxel, "G")} ");
        string[][] columns =
        [
            ["Index ", "Index ", "NA "], ["SegId ", "Segmentation Id", "NA"], ["NVoxels ", "Number of Voxels", "unitless"],
            ["Volume_mm3", "Volume", "mm^3"], ["StructName", "Structure Name", "NA"], ["normMean ", "Intensity normMean", "MR"],
            ["normStdDev", "Itensity normStdDev", "MR"], ["normMin", "Intensity normMin", "MR"], ["normMax", "Intensity normMax", "MR"],
            ["normRange", "Intensity normRange", "MR"],
        ];
        for (var c = 0; c < columns.Length; c++)
        {
            Line(b, $"# TableCol {c + 1,2} ColHeader {columns[c][0]}");
            Line(b, $"# TableCol {c + 1,2} FieldName {columns[c][1]}");
            Line(b, $"# TableCol {c + 1,2} Units     {columns[c][2]}");
        }
        Line(b, $"# NRows {AsegLabels.StatsRows.Count} ");
        Line(b, "# NTableCols 10 ");
        Line(b, "# ColHeaders  Index SegId NVoxels Volume_mm3 StructName normMean normStdDev normMin normMax normRange  ");
        var intensity = IntensityStatistics(subject);
        for (var r = 0; r < AsegLabels.StatsRows.Count; r++)
        {
            var (id, name) = AsegLabels.StatsRows[r];
            var n = counts.GetValueOrDefault(id);
            var (mean, sd, min, max) = intensity.GetValueOrDefault(id);
            Line(b, AsegRow(r + 1, id, n, n * voxel, name, mean, sd, min, max, max - min));
        }
        return b.ToString();
    }

    /// <summary>?h.aparc.stats for hemisphere 0 (lh) or 1 (rh).</summary>
    public static string Aparc(SimulatedSubject subject, string subjectName, int hemisphere) =>
        Parcellation(subject, subjectName, hemisphere, "aparc", [.. subject.Parcels[hemisphere].Select(p => (p.Parcel.Name, p))]);

    /// <summary>?h.aparc.DKTatlas40.stats (<see cref="OtherParcellations.Dkt40"/>), in the format of ?h.aparc.stats.</summary>
    public static string Dkt40(SimulatedSubject subject, string subjectName, int hemisphere) =>
        Parcellation(subject, subjectName, hemisphere, "aparc.DKTatlas40", OtherParcellations.Dkt40(subject.Parcels[hemisphere]));

    /// <summary>?h.aparc.a2009s.stats (<see cref="OtherParcellations.Destrieux"/>), in the format of ?h.aparc.stats.</summary>
    public static string Destrieux(SimulatedSubject subject, string subjectName, int hemisphere) =>
        Parcellation(subject, subjectName, hemisphere, "aparc.a2009s", OtherParcellations.Destrieux(subject.Parcels[hemisphere]));

    private static string Parcellation(SimulatedSubject subject, string subjectName, int hemisphere, string annotation,
        IReadOnlyList<(string Name, ParcelStatistics Stats)> rows)
    {
        var hemi = hemisphere == 0 ? "lh" : "rh";
        var parcels = rows.Select(r => r.Stats).ToList();
        var counts = subject.LabelCounts();
        var voxel = subject.Grid.VoxelVolume;
        var area = parcels.Sum(p => p.SurfaceArea);
        var meanThickness = area > 0 ? parcels.Sum(p => p.ThicknessMean * p.SurfaceArea) / area : 0;
        var brainSeg = counts.Where(c => c.Key is not (0 or AsegLabels.Csf)).Sum(c => (double)c.Value) * voxel;
        var cortex = counts.Where(c => c.Key is AsegLabels.LeftCortex or AsegLabels.RightCortex).Sum(c => (double)c.Value) * voxel;
        var ventricles = counts.Where(c => AsegLabels.IsVentricle(c.Key)).Sum(c => (double)c.Value) * voxel;
        var supra = counts.Where(c => c.Key is not (0 or AsegLabels.Csf) && !AsegLabels.IsInfratentorial(c.Key)).Sum(c => (double)c.Value) * voxel;
        var supraVent = counts.Where(c => AsegLabels.IsVentricle(c.Key) && !AsegLabels.IsInfratentorial(c.Key)).Sum(c => (double)c.Value) * voxel;

        var b = new StringBuilder();
        Line(b, "# Table of FreeSurfer cortical parcellation anatomical statistics ");
        Line(b, "# ");
        Line(b, "# generating_program relevancerelated simulate");
        Line(b, "# cvs_version simulated");
        Line(b, $"# cmdline relevancerelated simulate (subject {subjectName}, seed {subject.Spec.CohortSeed})");
        Line(b, "# ");
        Line(b, "# anatomy_type surface");
        Line(b, $"# subjectname {subjectName}");
        Line(b, $"# hemi {hemi}");
        Line(b, $"# AnnotationFile ../label/{hemi}.{annotation}.annot");
        Line(b, $"# Measure Cortex, NumVert, Number of Vertices, {NumVert(area).ToString(Inv)}, unitless");
        Line(b, $"# Measure Cortex, WhiteSurfArea, White Surface Total Area, {F(area, "G6")}, mm^2");
        Line(b, $"# Measure Cortex, MeanThickness, Mean Thickness, {F(meanThickness, "G6")}, mm");
        Measure(b, "BrainSeg, BrainSegVol, Brain Segmentation Volume", brainSeg, "mm^3");
        Measure(b, "BrainSegNotVent, BrainSegVolNotVent, Brain Segmentation Volume Without Ventricles", brainSeg - ventricles, "mm^3");
        Measure(b, "BrainSegNotVentSurf, BrainSegVolNotVentSurf, Brain Segmentation Volume Without Ventricles from Surf", brainSeg - ventricles, "mm^3");
        Measure(b, "Cortex, CortexVol, Total cortical gray matter volume", cortex, "mm^3");
        Measure(b, "SupraTentorial, SupraTentorialVol, Supratentorial volume", supra, "mm^3");
        Measure(b, "SupraTentorialNotVent, SupraTentorialVolNotVent, Supratentorial volume", supra - supraVent, "mm^3");
        Measure(b, "EstimatedTotalIntraCranialVol, eTIV, Estimated Total Intracranial Volume", subject.IntracranialVoxels * voxel, "mm^3");
        Line(b, "# NTableCols 10");
        // mris_anatomical_stats's column descriptions, spacing included.
        b.Append("""
            # TableCol  1 ColHeader StructName
            # TableCol  1 FieldName Structure Name
            # TableCol  1 Units     NA
            # TableCol  2 ColHeader NumVert
            # TableCol  2 FieldName Number of Vertices
            # TableCol  2 Units     unitless
            # TableCol  3 ColHeader SurfArea
            # TableCol  3 FieldName Surface Area
            # TableCol  3 Units     mm^2
            # TableCol  4 ColHeader GrayVol
            # TableCol  4 FieldName Gray Matter Volume
            # TableCol  4 Units     mm^3
            # TableCol  5 ColHeader ThickAvg 
            # TableCol  5 FieldName Average Thickness
            # TableCol  5 Units     mm
            # TableCol  6 ColHeader ThickStd
            # TableCol  6 FieldName Thickness StdDev
            # TableCol  6 Units     mm 
            # TableCol  7 ColHeader MeanCurv
            # TableCol  7 FieldName Integrated Rectified Mean Curvature
            # TableCol  7 Units     mm^-1
            # TableCol  8 ColHeader GausCurv 
            # TableCol  8 FieldName Integrated Rectified Gaussian Curvature
            # TableCol  8 Units     mm^-2
            # TableCol  9 ColHeader  FoldInd
            # TableCol  9 FieldName  Folding Index 
            # TableCol  9 Units      unitless 
            # TableCol 10 ColHeader CurvInd
            # TableCol 10 FieldName Intrinsic Curvature Index
            # TableCol 10 Units     unitless

            """.ReplaceLineEndings("\n"));
        Line(b, "# ColHeaders StructName NumVert SurfArea GrayVol ThickAvg ThickStd MeanCurv GausCurv FoldInd CurvInd");
        foreach (var (name, p) in rows)
        {
            // The model's envelope has no folds, so the folding index is 0 and the curvature index follows 1/r².
            var curvatureIndex = p.GaussianCurvature * p.SurfaceArea / (4 * Math.PI);
            Line(b, AparcRow(name, NumVert(p.SurfaceArea), (int)Math.Round(p.SurfaceArea), (int)Math.Round(p.GrayVolume),
                p.ThicknessMean, p.ThicknessSd, p.MeanCurvature, p.GaussianCurvature, 0, curvatureIndex));
        }
        return b.ToString();
    }

    /// <summary>One aseg.stats table row, fixed-width as mri_segstats writes it (with its trailing space).</summary>
    internal static string AsegRow(int index, int segId, int voxels, double volume, string name,
        double mean, double sd, double min, double max, double range) =>
        string.Format(Inv, "{0,3} {1,3} {2,9} {3,10:F1}  {4,-30} {5,10:F4} {6,10:F4} {7,10:F4} {8,10:F4} {9,10:F4} ",
            index, segId, voxels, volume, name, mean, sd, min, max, range);

    /// <summary>One ?h.aparc.stats table row, fixed-width as mris_anatomical_stats writes it.</summary>
    internal static string AparcRow(string name, int vertices, int area, int grayVolume, double thickness, double thicknessSd,
        double meanCurvature, double gaussianCurvature, int foldingIndex, double curvatureIndex) =>
        string.Format(Inv, "{0,-39} {1,5}  {2,5}  {3,5}  {4,5:F3} {5,5:F3} {6,9:F3} {7,9:F3} {8,8} {9,7:F1}",
            name, vertices, area, grayVolume, thickness, thicknessSd, meanCurvature, gaussianCurvature, foldingIndex, curvatureIndex);

    /// <summary>FreeSurfer's white surface has about 1.47 vertices per mm² (bert: 125,558 vertices on 84,500 mm²).</summary>
    public static int NumVert(double area) => (int)Math.Round(area * 1.47);

    /// <summary>Per aseg label: mean, SD, min and max of the T1 image (FreeSurfer uses norm.mgz; we have the T1).</summary>
    private static Dictionary<int, (double Mean, double Sd, double Min, double Max)> IntensityStatistics(SimulatedSubject s)
    {
        const int labels = 4096;
        var n = new long[labels];
        var sum = new double[labels];
        var sum2 = new double[labels];
        var min = new double[labels];
        var max = new double[labels];
        Array.Fill(min, double.MaxValue);
        Array.Fill(max, double.MinValue);
        for (var v = 0; v < s.Aseg.Length; v++)
        {
            var label = s.Aseg[v];
            if (label is <= 0 or >= labels) continue;
            double value = s.T1[v];
            n[label]++;
            sum[label] += value;
            sum2[label] += value * value;
            if (value < min[label]) min[label] = value;
            if (value > max[label]) max[label] = value;
        }
        var result = new Dictionary<int, (double, double, double, double)>();
        for (var label = 1; label < labels; label++)
        {
            if (n[label] == 0) continue;
            var mean = sum[label] / n[label];
            var sd = n[label] > 1 ? Math.Sqrt(Math.Max(0, (sum2[label] - n[label] * mean * mean) / (n[label] - 1))) : 0;
            result[label] = (mean, sd, min[label], max[label]);
        }
        return result;
    }

    private static void Measure(StringBuilder b, string names, double value, string unit) =>
        Line(b, $"# Measure {names}, {F(value, "F6")}, {unit}");

    private static string F(double value, string format) => value.ToString(format, Inv);

    // FreeSurfer writes Unix line endings whatever the platform.
    private static void Line(StringBuilder b, string line) => b.Append(line).Append('\n');
}

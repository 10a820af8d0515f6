using RelevanceRelated.Analysis.Analyses;
using ScottPlot;

namespace RelevanceRelated.Analysis.Reports.Figures;

/// <summary>
/// pvs_stats.R's figure for one model: is relevance per voxel higher inside PVS (and lesions) than over the whole map?
/// Per subject, the mean relevance inside the mask (<c>a_pvs_voxel</c>, <c>a_wml_voxel</c>) and over the map's non-zero
/// voxels ("Expected", <c>a_voxel</c>), transformed as the script does with log(a + 2); each group as a half violin
/// (width-scaled, nudged right), the subjects as jittered points, and the mean with its 95 % t confidence interval
/// (summarySE) in black. The dashed line is a = 0. Subjects, filters and numbers are <see cref="RelevanceInMaskSummary"/>'s.
/// </summary>
public static class MaskRelevanceFigure
{
    private const double Nudge = 0.25;
    private const double ViolinWidth = 0.4;
    private const double JitterWidth = 0.21;

    public static string File(string model) => $"figures/{model}_relevance_in_masks.png";

    /// <returns>The figure, or null when no subject has PVS or lesion metrics for the model.</returns>
    public static ReportFigure? Create(IReadOnlyList<SubjectFeatureRow> rows, string model, int minLesionVoxels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pvs = rows.Select(r => (r.SubjectId, Metrics: r.Model(model)?.Pvs)).Where(r => r.Metrics is not null)
            .Select(r => new MaskMetricsRow(r.SubjectId, r.Metrics!)).ToList();
        var lesions = rows.Select(r => (r.SubjectId, Metrics: r.Model(model)?.Wml)).Where(r => r.Metrics is not null)
            .Select(r => new MaskMetricsRow(r.SubjectId, r.Metrics!)).ToList();
        var result = RelevanceInMaskSummary.Run(pvs, [], lesions, minLesionVoxels);
        if (result.Values.Count == 0) return null;

        var plot = new Plot();
        var random = new Random(19);
        var groups = new List<(string Panel, string Var, string Label, Color Colour)>
        {
            ("T1", "Expected", "whole map", FigureStyle.Expected),
            ("T1", "PVS", "PVS", FigureStyle.Pvs),
            ("WML", "Expected", "whole map", FigureStyle.Expected),
            ("WML", "WMH", "lesions", FigureStyle.Lesions),
        };
        var ticks = new List<(double X, string Label)>();
        var x = 0.0;
        foreach (var (panel, var, label, colour) in groups)
        {
            var values = result.Values.Where(v => v.Panel == panel && v.Var == var).Select(v => v.ATransformed).Where(double.IsFinite).ToList();
            if (values.Count == 0) continue;
            DrawGroup(plot, x, values, colour, random);
            var summary = result.Summary.FirstOrDefault(g => g.Panel == panel && g.Var == var);
            if (summary is not null && double.IsFinite(summary.Mean))
            {
                plot.Add.Marker(x, summary.Mean, MarkerShape.FilledCircle, 9, Colors.Black);
                if (double.IsFinite(summary.Ci))
                {
                    var bar = plot.Add.ErrorBar([x], [summary.Mean], [summary.Ci]);
                    bar.Color = Colors.Black;
                    bar.LineWidth = 2;
                }
            }
            ticks.Add((x, $"{label}\n(n = {values.Count})"));
            x += panel == "T1" && var == "PVS" ? 1.6 : 1;
        }
        plot.Add.HorizontalLine(RelevanceInMaskSummary.Transform(0), 1, Colors.Gray, LinePattern.Dashed);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks.Select(t => t.X)], [.. ticks.Select(t => t.Label)]);
        plot.Axes.SetLimitsX(-0.6, x - 1 + 0.9);
        plot.YLabel("relevance per voxel, log(a + 2)");
        plot.Title($"{model}: relevance per voxel inside PVS and lesions vs the whole map");
        return new ReportFigure(File(model), $"{model}: relevance in PVS and lesions",
            "As pvs_stats.R: per subject, the mean relevance per voxel inside the mask (PVS: subjects with PVS voxels; lesions: subjects with more " +
            $"than {minLesionVoxels} lesion voxels, the largest value dropped as the script does) and over the whole map's non-zero voxels, as log(a + 2). " +
            "Half violins show the distribution, dots the subjects (jittered sideways), black the mean with its 95 % confidence interval; " +
            "the dashed line is a mean relevance of 0.",
            FigureStyle.Png(plot));
    }

    private static void DrawGroup(Plot plot, double x, IReadOnlyList<double> values, Color colour, Random random)
    {
        var (at, density) = KernelDensity.Estimate(values);
        var peak = density.Length == 0 ? 0 : density.Max();
        if (peak > 0 && at.Length > 1)
        {
            var outline = new List<Coordinates>();
            for (var i = 0; i < at.Length; i++) outline.Add(new Coordinates(x + Nudge + ViolinWidth * density[i] / peak, at[i]));
            outline.Add(new Coordinates(x + Nudge, at[^1]));
            outline.Add(new Coordinates(x + Nudge, at[0]));
            var violin = plot.Add.Polygon([.. outline]);
            violin.FillColor = colour.WithAlpha(0.5);
            violin.LineColor = colour;
        }
        var xs = values.Select(_ => x + (random.NextDouble() * 2 - 1) * JitterWidth).ToArray();
        plot.Add.Markers(xs, [.. values], MarkerShape.FilledCircle, 5, colour.WithAlpha(0.8));
    }
}

using ScottPlot;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>The report's figures as PNG bytes (ScottPlot), one per model: accuracy, DBA distribution, relevance in PVS, regional correlations.</summary>
public static class ReportFigures
{
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>Predicted vs chronological age with the identity line; MAE and r in the title.</summary>
    public static byte[] PredictedVsAge(IReadOnlyList<SubjectFeatureRow> rows, CohortSummary summary)
    {
        var age = rows.Select(r => r.Age ?? double.NaN).ToArray();
        var predicted = rows.Select(r => r.Model(summary.Model)?.Prediction.Ensemble ?? double.NaN).ToArray();
        var (a, p) = Statistics.MissingValues.CompletePairs(age, predicted);
        var plot = new Plot();
        if (a.Length > 0)
        {
            plot.Add.ScatterPoints(a, p);
            var low = Math.Min(a.Min(), p.Min()) - 1;
            var high = Math.Max(a.Max(), p.Max()) + 1;
            var identity = plot.Add.Line(low, low, high, high);
            identity.LinePattern = LinePattern.Dashed;
        }
        plot.Title($"{summary.Model}: MAE = {ReportTable.Short(summary.Mae)} y, r = {ReportTable.Short(summary.Correlation?.R ?? double.NaN)}");
        plot.XLabel("chronological age (y)");
        plot.YLabel("predicted age (y)");
        return Png(plot);
    }

    /// <summary>Histogram of the brain-age gap (predicted − chronological) with ten bins.</summary>
    public static byte[] DbaDistribution(IReadOnlyList<SubjectFeatureRow> rows, CohortSummary summary)
    {
        var dba = rows.Select(r => r.Model(summary.Model)?.Prediction.Dba ?? double.NaN).Where(v => !double.IsNaN(v)).ToArray();
        var plot = new Plot();
        if (dba.Length > 0)
        {
            const int bins = 10;
            var min = dba.Min();
            var width = Math.Max((dba.Max() - min) / bins, 1e-6);
            var counts = new double[bins];
            foreach (var v in dba) counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
            var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => min + (i + 0.5) * width).ToArray(), counts);
            foreach (var bar in bars.Bars) bar.Size = width * 0.9;
        }
        plot.Title($"{summary.Model}: DBA = {ReportTable.Short(summary.DbaMean)} ± {ReportTable.Short(summary.DbaSd)} y");
        plot.XLabel("brain-age gap (y)");
        plot.YLabel("subjects");
        return Png(plot);
    }

    /// <summary>Per subject, the share of positive relevance inside the PVS mask against the share their volume predicts, with the identity line.</summary>
    public static byte[] RelevanceInPvs(IReadOnlyList<SubjectFeatureRow> rows, CohortSummary summary)
    {
        var observed = rows.Select(r => r.Model(summary.Model)?.Pvs?.PFeatureVoxel ?? double.NaN).ToArray();
        var expected = rows.Select(r => r.Model(summary.Model)?.Pvs?.PVoxel ?? double.NaN).ToArray();
        var (e, o) = Statistics.MissingValues.CompletePairs(expected, observed);
        var plot = new Plot();
        if (e.Length > 0)
        {
            plot.Add.ScatterPoints(e, o);
            var high = Math.Max(e.Max(), o.Max());
            var low = Math.Min(0, Math.Min(e.Min(), o.Min()));
            plot.Add.Line(low, low, high, high).LinePattern = LinePattern.Dashed;
        }
        plot.Title($"{summary.Model}: relevance in PVS, ratio {ReportTable.Short(summary.PvsRatio)} (p = {ReportTable.Short(summary.PvsTest.P)})");
        plot.XLabel("expected share (PVS volume)");
        plot.YLabel("share of positive relevance in PVS");
        return Png(plot);
    }

    /// <summary>Correlation of each region's relevance with age (the 20 smallest p), as bars.</summary>
    public static byte[] RegionalCorrelations(CohortSummary summary, int top = 20)
    {
        var regions = summary.Regions.Take(top).ToList();
        var plot = new Plot();
        if (regions.Count > 0)
        {
            plot.Add.Bars(Enumerable.Range(0, regions.Count).Select(i => (double)i).ToArray(), regions.Select(r => r.R).ToArray());
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, regions.Count).Select(i => (double)i).ToArray(), regions.Select(r => r.Region).ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 170; // room for the rotated region names
        }
        plot.Title($"{summary.Model}: regional relevance vs age (r)");
        plot.YLabel("Pearson r");
        return plot.GetImageBytes(Width, Height + 120, ImageFormat.Png);
    }

    private static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);
}

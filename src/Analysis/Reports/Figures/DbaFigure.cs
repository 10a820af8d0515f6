using ScottPlot;

namespace RelevanceRelated.Analysis.Reports.Figures;

/// <summary>
/// The distribution of the brain-age gap of one model: a histogram of whole subjects (bins of a round width, 0.5 to 20
/// years, aligned to multiples of it), with the mean and 0 marked.
/// </summary>
public static class DbaFigure
{
    private static readonly double[] RoundWidths = [0.5, 1, 2, 2.5, 5, 10, 20];

    public static string File(string model) => $"figures/{model}_dba.png";

    /// <returns>The figure, or null when no subject has a brain-age gap (no chronological ages).</returns>
    public static ReportFigure? Create(IReadOnlyList<SubjectFeatureRow> rows, CohortSummary summary)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(summary);
        var dba = rows.Select(r => r.Model(summary.Model)?.Prediction.Dba ?? double.NaN).Where(double.IsFinite).ToArray();
        if (dba.Length == 0) return null;
        var (start, width, counts) = Histogram(dba);
        var plot = new Plot();
        var bars = plot.Add.Bars(Enumerable.Range(0, counts.Length).Select(i => start + (i + 0.5) * width), counts.Select(c => (double)c));
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.95;
            bar.FillColor = FigureStyle.ModelColour(0).WithAlpha(0.75);
        }
        plot.Add.VerticalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        var mean = plot.Add.VerticalLine(summary.DbaMean, 2, Colors.Black);
        mean.LegendText = $"mean {ReportNumbers.SignedYears(summary.DbaMean)} y";
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsY(0, counts.Max() + 1);
        plot.XLabel("brain-age gap, predicted − chronological age (years)");
        plot.YLabel("subjects");
        plot.Title($"{summary.Model}: brain-age gap {ReportNumbers.SignedYears(summary.DbaMean)} ± {ReportNumbers.Years(summary.DbaSd)} y");
        plot.ShowLegend(Alignment.UpperRight);
        return new ReportFigure(File(summary.Model), $"{summary.Model}: brain-age gap",
            $"Number of subjects per {ReportNumbers.Years(width)}-year bin of the brain-age gap (DBA); the dashed line is no gap, the solid line the mean (n = {dba.Length}).",
            FigureStyle.Png(plot));
    }

    /// <summary>Whole counts in bins of a round width (about ten bins) starting at a multiple of it.</summary>
    public static (double Start, double Width, int[] Counts) Histogram(IReadOnlyList<double> values)
    {
        var min = values.Min();
        var max = values.Max();
        var width = RoundWidths.FirstOrDefault(w => (max - min) / w <= 12, RoundWidths[^1]);
        var start = Math.Floor(min / width) * width;
        var bins = Math.Max(1, (int)Math.Floor((max - start) / width) + 1);
        var counts = new int[bins];
        foreach (var v in values) counts[Math.Min(bins - 1, (int)Math.Floor((v - start) / width))]++;
        return (start, width, counts);
    }
}

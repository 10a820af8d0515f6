using ScottPlot;

namespace RelevanceRelated.Analysis.Reports.Figures;

/// <summary>Predicted against chronological age for every model in one plot, a colour per model, with the identity line.</summary>
public static class AgeFigure
{
    public const string File = "figures/predicted_vs_chronological_age.png";

    /// <returns>The figure, or null when no subject has both an age and a prediction.</returns>
    public static ReportFigure? Create(IReadOnlyList<SubjectFeatureRow> rows, IReadOnlyList<CohortSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(summaries);
        var plot = new Plot();
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (var m = 0; m < summaries.Count; m++)
        {
            var s = summaries[m];
            var age = rows.Select(r => r.Age ?? double.NaN).ToArray();
            var predicted = rows.Select(r => r.Model(s.Model)?.Prediction.Ensemble ?? double.NaN).ToArray();
            var (a, p) = Statistics.MissingValues.CompletePairs(age, predicted);
            if (a.Length == 0) continue;
            var points = plot.Add.ScatterPoints(a, p, FigureStyle.ModelColour(m));
            points.MarkerSize = 7;
            points.LegendText = $"{s.Model}: MAE {ReportNumbers.Years(s.Mae)} y, r = {ReportNumbers.R(s.Correlation?.R ?? double.NaN)} (n = {a.Length})";
            low = Math.Min(low, Math.Min(a.Min(), p.Min()));
            high = Math.Max(high, Math.Max(a.Max(), p.Max()));
        }
        if (double.IsInfinity(low)) return null;
        var pad = Math.Max(1, (high - low) * 0.05);
        var identity = plot.Add.Line(low - pad, low - pad, high + pad, high + pad);
        identity.LinePattern = LinePattern.Dashed;
        identity.Color = Colors.Gray;
        identity.LegendText = "identity (predicted = chronological)";
        plot.Axes.SetLimits(low - pad, high + pad, low - pad, high + pad);
        plot.XLabel("chronological age (years)");
        plot.YLabel("predicted age (years)");
        plot.Title("Predicted vs chronological age");
        plot.ShowLegend(Alignment.UpperLeft);
        return new ReportFigure(File, "Predicted vs chronological age",
            "Each point is a subject, coloured by model; the dashed line is where prediction equals chronological age. " +
            "Points above it are subjects whose brains the model judged older than their age (positive brain-age gap).",
            FigureStyle.Png(plot, FigureStyle.Width, FigureStyle.Width));
    }
}

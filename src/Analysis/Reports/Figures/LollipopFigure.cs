using ScottPlot;

namespace RelevanceRelated.Analysis.Reports.Figures;

/// <summary>
/// A regional analysis as the R scripts draw it (gm_cortical_surface_plots.R, gm_subcortical_plots.R): one lollipop per
/// region, a segment from 0 to its r and a dot at r, coloured by r with ggplot2's scale_colour_gradient2 (red for
/// negative, blue for positive), sorted by r. Unlike the scripts, which draw only the regions that survive correction,
/// it draws the strongest <see cref="MaxRegions"/> and marks the survivors: a filled dot and an asterisk, where the
/// others have a hollow dot.
/// </summary>
public static class LollipopFigure
{
    public const int MaxRegions = 40;

    public static string File(RegionalAnalysis analysis) => $"figures/{analysis.Id}_lollipop.png";

    /// <returns>The figure, or null when no region could be tested.</returns>
    public static ReportFigure? Create(RegionalAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var tested = analysis.Tested;
        if (tested.Count == 0) return null;
        // The survivors always, then the strongest of the rest, drawn in order of r (largest at the top).
        var shown = analysis.Surviving.Concat(tested.Where(r => !r.Significant)).Take(MaxRegions).OrderBy(r => r.R).ToList();
        var limit = Math.Min(1, shown.Max(r => Math.Abs(r.R)) * 1.2);
        var plot = new Plot();
        plot.Add.VerticalLine(0, 1, Colors.Gray);
        for (var i = 0; i < shown.Count; i++)
        {
            var region = shown[i];
            var colour = FigureStyle.DivergingColour(region.R, limit / 1.2);
            var stem = plot.Add.Line(0, i, region.R, i);
            stem.Color = colour;
            stem.LineWidth = region.Significant ? 3 : 1.5f;
            plot.Add.Marker(region.R, i, region.Significant ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, region.Significant ? 10 : 8,
                region.Significant ? colour : Colors.DimGray);
            if (region.Significant)
            {
                var star = plot.Add.Text("*", region.R + Math.Sign(region.R) * limit * 0.04, i);
                star.LabelFontSize = 16;
                star.LabelBold = true;
                star.Alignment = region.R >= 0 ? Alignment.MiddleLeft : Alignment.MiddleRight;
            }
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. shown.Select((_, i) => (double)i)], [.. shown.Select(r => r.Region)]);
        plot.Axes.SetLimits(-limit, limit, -1, shown.Count);
        plot.XLabel("Pearson r");
        plot.Title(analysis.Title);
        var survivors = analysis.Surviving.Count;
        var caption = $"{analysis.Question} {(shown.Count < tested.Count ? $"The {shown.Count} strongest of {tested.Count} tested regions" : $"All {tested.Count} tested regions")}, " +
            $"sorted by r; filled dots and asterisks mark the {survivors} region{(survivors == 1 ? "" : "s")} with p < {ReportNumbers.Short(analysis.Alpha)} after {analysis.Correction}, " +
            "hollow dots the others. Colours as the original R scripts (scale_colour_gradient2): red negative, blue positive.";
        return new ReportFigure(File(analysis), $"{analysis.Title}: lollipop", caption, FigureStyle.Png(plot, FigureStyle.Width, 140 + 17 * shown.Count));
    }
}

using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Features.FreeSurfer;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>One region's correlation in a regional analysis; <see cref="Label"/> is its code in the label volume (null when it has none there).</summary>
public sealed record RegionalResult(string Region, int? Label, int N, double R, double P, double PCorrected, bool Significant);

/// <summary>
/// A section of the report: one regional analysis with its results per region, drawn as a lollipop plot of r with the
/// regions that survive correction marked and, when the regions have codes in a label volume, as a region map. Every
/// published analysis that correlates per region (cortical GMV and thickness, subcortical volume, JHU FA) becomes one of
/// these through <see cref="FromLabelCorrelations"/>; the cohort statistics give one per model today
/// (<see cref="RelevanceAgainstAge"/>).
/// </summary>
/// <param name="Id">Names its figures and anchor (letters, digits, '-' and '_').</param>
/// <param name="Title">The section heading, e.g. "Cortical grey-matter volume vs relevance (DK)".</param>
/// <param name="Question">What was correlated with what, across which subjects, in one sentence.</param>
/// <param name="Correction">How p was corrected, e.g. "Bonferroni over 68 regions".</param>
/// <param name="Alpha">The significance level of <see cref="RegionalResult.Significant"/>.</param>
public sealed record RegionalAnalysis(string Id, string Title, string Question, string Correction, double Alpha, IReadOnlyList<RegionalResult> Results)
{
    /// <summary>The cohort statistics' regional correlations of one model: summed relevance per aparc+aseg region against age, Bonferroni over the tested regions.</summary>
    public static RegionalAnalysis RelevanceAgainstAge(CohortSummary summary, double alpha)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var results = summary.Regions
            .Select(r => new RegionalResult(r.Region, FreeSurferColorLut.Standard.CodeOf(r.Region), r.N, r.R, r.P, r.PBonferroni, r.PBonferroni < alpha))
            .ToList();
        return new RegionalAnalysis(RelevanceAgainstAgeId(summary.Model), $"{summary.Model}: regional relevance vs age",
            $"Pearson correlation, across subjects, of each aparc+aseg region's summed {summary.Model} relevance with chronological age.",
            $"Bonferroni over {results.Count} tested regions", alpha, results);
    }

    /// <summary>The id of <see cref="RelevanceAgainstAge"/>'s section for a model.</summary>
    public static string RelevanceAgainstAgeId(string model) => $"{model}-relevance-age";

    /// <summary>
    /// A published analysis's per-region table (e.g. <c>CorticalCohort</c>'s GMV correlations), its significance as the R
    /// scripts flag it (<c>p_corrected &lt; alpha</c>); <paramref name="labelOf"/> gives a region's code in the label
    /// volume of the region map (null to leave it undrawn), e.g. <c>lh_precuneus</c> → 1025.
    /// </summary>
    public static RegionalAnalysis FromLabelCorrelations(string id, string title, string question, string correction, double alpha,
        IReadOnlyList<LabelCorrelation> rows, Func<string, int?> labelOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labelOf);
        return new RegionalAnalysis(id, title, question, correction, alpha,
            rows.Select(r => new RegionalResult(r.Label, labelOf(r.Label), r.N, r.R, r.P, r.PCorrected, r.PCorrected < alpha)).ToList());
    }

    /// <summary>Regions with a finite r (cor.test ran), strongest first.</summary>
    public IReadOnlyList<RegionalResult> Tested => [.. Results.Where(r => double.IsFinite(r.R)).OrderByDescending(r => Math.Abs(r.R)).ThenBy(r => r.Region, StringComparer.Ordinal)];

    public IReadOnlyList<RegionalResult> Surviving => [.. Tested.Where(r => r.Significant)];
}

using RelevanceRelated.Analysis.Features;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>A region's average share of a model's relevance: per subject |sum in region| / Σ over regions |sum|, averaged over subjects.</summary>
public sealed record RegionShare(string Region, double MeanShare, int Subjects);

/// <summary>
/// Where a model's relevance concentrates, from the regional sums the features stage keeps per subject: each region's
/// share of the summed absolute relevance over all labelled regions, averaged over the subjects that have region sums.
/// Absolute values, so regions of strongly negative relevance count as places the model looked too.
/// </summary>
public static class RelevanceConcentration
{
    /// <returns>Regions by decreasing mean share; empty when no subject has region sums for the model.</returns>
    public static IReadOnlyList<RegionShare> Of(IReadOnlyList<SubjectFeatureRow> rows, string model)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var shares = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        var subjects = 0;
        foreach (var row in rows)
        {
            if (row.Model(model)?.Regions is not { } regions) continue;
            var total = 0.0;
            foreach (var s in regions.Sums) total += Math.Abs(s);
            if (!(total > 0)) continue;
            subjects++;
            for (var k = 0; k < regions.Labels.Length; k++)
            {
                var name = RegionSums.NameOf(regions.Atlas, regions.Labels[k]);
                var (sum, count) = shares.GetValueOrDefault(name);
                shares[name] = (sum + Math.Abs(regions.Sums[k]) / total, count + 1);
            }
        }
        // A region a subject lacks counts as a share of 0 for that subject.
        return [.. shares.Select(p => new RegionShare(p.Key, p.Value.Sum / subjects, p.Value.Count))
            .OrderByDescending(r => r.MeanShare).ThenBy(r => r.Region, StringComparer.Ordinal)];
    }
}

using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Fa;

/// <summary>
/// One subject's part of the FA analysis (the original's run_fa_stats), on the template grid of the JHU atlas: the
/// relevance map moved to template space, the FA map thresholded (<see cref="Threshold"/>) and aligned to the same grid,
/// and the atlas's label codes. Moving the maps is the spaces layer's job; here they are already on one grid.
/// </summary>
public static class FaSubject
{
    /// <summary>The original's hemisphere rule on a JHU label name: "left" if it has a capital L, else "right" if a capital R, else "both".</summary>
    public static string Hemisphere(string labelName) => labelName.Contains('L') ? "left" : labelName.Contains('R') ? "right" : "both";

    /// <summary>
    /// The original's FA map: <c>img &gt; [params.fa].threshold</c> (nilearn's math_img, 1 above and 0 elsewhere; compared in
    /// single precision as numpy does), thresholded before it is aligned to the template grid.
    /// </summary>
    public static float[] Threshold(ReadOnlySpan<float> fa, double threshold)
    {
        if (!(threshold is >= 0 and < 1)) throw new InvalidInputException($"[params.fa].threshold = {threshold}; expected an FA value in [0, 1).");
        var t = (float)threshold;
        var binary = new float[fa.Length];
        for (var i = 0; i < fa.Length; i++) binary[i] = fa[i] > t ? 1f : 0f;
        return binary;
    }

    /// <param name="labelNames">The atlas's label names by code (JHU-labels.xml: 0 "Unclassified", 1..48 tracts); "Unclassified" gets no row.</param>
    public static IReadOnlyList<FaJhuRow> Rows(string subject, ReadOnlyMemory<float> relevance, ReadOnlyMemory<float> fa, int[] atlas,
        IReadOnlyDictionary<int, string> labelNames, double age = double.NaN, double brainAge = double.NaN)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new InvalidInputException("FA: a subject identifier is required.");
        RequireGrid(subject, relevance.Length, fa.Length, atlas.Length);
        var relevanceByLabel = RegionalRelevance.Compute(relevance, atlas, includeBackground: true).ToDictionary(r => r.Label);
        var faByLabel = RegionalRelevance.Compute(fa, atlas, includeBackground: true).ToDictionary(r => r.Label);
        var rows = new List<FaJhuRow>(labelNames.Count);
        foreach (var (label, name) in labelNames.OrderBy(kv => kv.Key))
        {
            if (name == "Unclassified") continue;
            var hasVoxels = relevanceByLabel.TryGetValue(label, out var r);
            faByLabel.TryGetValue(label, out var f);
            rows.Add(new FaJhuRow(Hemisphere(name), name, subject, label, hasVoxels ? r!.NVoxels : 0,
                hasVoxels ? f!.MinRelevance : double.NaN, hasVoxels ? f!.MaxRelevance : double.NaN,
                hasVoxels ? f!.MeanRelevance : double.NaN, hasVoxels ? f!.SumRelevance : double.NaN,
                hasVoxels ? r!.MinRelevance : double.NaN, hasVoxels ? r!.MaxRelevance : double.NaN,
                hasVoxels ? r!.MeanRelevance : double.NaN, hasVoxels ? r!.SumRelevance : double.NaN, age, brainAge));
        }
        return rows;
    }

    /// <summary>Within-subject voxel-wise Pearson r (with p) and cosine of relevance and FA over the atlas's white matter (code ≠ 0).</summary>
    public static FaSimilarityRow Similarity(string subject, ReadOnlySpan<float> relevance, ReadOnlySpan<float> fa, ReadOnlySpan<int> atlas)
    {
        RequireGrid(subject, relevance.Length, fa.Length, atlas.Length);
        var mask = new bool[atlas.Length];
        for (var i = 0; i < atlas.Length; i++) mask[i] = atlas[i] != 0;
        var s = VoxelwiseCorrelation.WithinSubject(relevance, fa, mask);
        return new FaSimilarityRow(subject, s.N, s.R, s.P, s.Cosine);
    }

    private static void RequireGrid(string subject, int relevance, int fa, int atlas)
    {
        if (relevance != atlas || fa != atlas)
            throw new InvalidInputException($"FA ({subject}): the relevance map ({relevance} voxels), the FA map ({fa}) and the atlas ({atlas}) must share the template grid.");
    }
}

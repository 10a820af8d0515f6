using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Counts of PVS clusters: how many, their volumes in mm³ (total, mean, median, max), and how many fall in each
/// region of a label volume, each cluster assigned to the label most of its voxels carry (winner-take-all; a tie
/// goes to the smaller label value).
/// </summary>
public sealed record PvsCensus(
    int ClusterCount,
    double TotalVolumeMm3,
    double MeanVolumeMm3,
    double MedianVolumeMm3,
    double MaxVolumeMm3,
    IReadOnlyDictionary<int, int>? CountsByLabel)
{
    /// <param name="clusters">The cluster mask (non-zero = PVS), x fastest.</param>
    /// <param name="grid">A volume on the mask's grid (its voxel sizes give the volumes).</param>
    /// <param name="labels">Optional label volume on the same grid (e.g. FreeSurfer aseg).</param>
    public static PvsCensus Of(ReadOnlySpan<byte> clusters, Volume grid, Connectivity connectivity, Volume? labels = null)
    {
        var shape = grid.Shape3;
        if (labels is not null && labels.Shape3 != shape)
            throw new InvalidInputException($"pvs census: the label volume's grid {labels.Shape3} differs from the mask's {shape}; resample it (nearest) first");
        using var labeling = ConnectedComponents.Label(clusters, shape, connectivity);
        var voxelMm3 = grid.Zooms[0] * grid.Zooms[1] * grid.Zooms[2];
        var volumes = labeling.Sizes.Select(s => s * voxelMm3).Order().ToArray();
        var n = volumes.Length;
        var median = n == 0 ? 0 : n % 2 == 1 ? volumes[n / 2] : (volumes[n / 2 - 1] + volumes[n / 2]) / 2;
        return new PvsCensus(
            n,
            volumes.Sum(),
            n == 0 ? 0 : volumes.Average(),
            median,
            n == 0 ? 0 : volumes[^1],
            labels is null ? null : CountByLabel(labeling, labels.Frame(0)));
    }

    private static SortedDictionary<int, int> CountByLabel(ComponentLabeling labeling, ReadOnlySpan<float> labels)
    {
        var votes = new Dictionary<int, int>[labeling.Count];
        for (var i = 0; i < labeling.Labels.Length; i++)
        {
            var c = labeling.Labels[i];
            if (c == 0) continue;
            var region = (int)labels[i];
            var v = votes[c - 1] ??= [];
            v[region] = v.GetValueOrDefault(region) + 1;
        }
        var counts = new SortedDictionary<int, int>();
        foreach (var v in votes)
        {
            var winner = v.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
            counts[winner] = counts.GetValueOrDefault(winner) + 1;
        }
        return counts;
    }
}

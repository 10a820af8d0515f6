using RelevanceRelated.Analysis.Features.FreeSurfer;

namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// Per-label relevance (sum, mean, min, max, voxel count) over a label volume on the relevance grid, e.g.
/// FreeSurfer's aparc+aseg or aseg, or an atlas resampled nearest-neighbour; names from a colour lookup table.
/// </summary>
public static class RegionalRelevance
{
    private const int Slab = 1 << 16;

    /// <param name="relevance">The relevance map.</param>
    /// <param name="labels">Integer label per voxel, same length.</param>
    /// <param name="lut">Label names; FreeSurfer's standard codes when null.</param>
    /// <param name="includeBackground">Whether label 0 (Unknown/background) gets a row.</param>
    public static IReadOnlyList<RegionRelevance> Compute(ReadOnlyMemory<float> relevance, int[] labels, FreeSurferColorLut? lut = null, bool includeBackground = false)
    {
        if (relevance.Length != labels.Length)
            throw new InvalidInputException($"The label volume has {labels.Length} voxels but the relevance map has {relevance.Length}; resample the labels onto the relevance grid first.");
        lut ??= FreeSurferColorLut.Standard;
        // Slabs in parallel, each with its own accumulators, merged in slab order so sums do not depend on scheduling.
        var slabs = new Dictionary<int, Accumulator>[(relevance.Length + Slab - 1) / Slab];
        Parallel.For(0, slabs.Length, slab =>
        {
            var local = new Dictionary<int, Accumulator>();
            var values = relevance.Span;
            var end = Math.Min(relevance.Length, (slab + 1) * Slab);
            var lastLabel = int.MinValue;
            Accumulator? current = null;
            for (var i = slab * Slab; i < end; i++)
            {
                var label = labels[i];
                if (label != lastLabel)
                {
                    if (!local.TryGetValue(label, out current)) local[label] = current = new Accumulator();
                    lastLabel = label;
                }
                current!.Add(values[i]);
            }
            slabs[slab] = local;
        });
        var merged = new Dictionary<int, Accumulator>();
        foreach (var local in slabs)
            foreach (var (label, acc) in local)
            {
                if (merged.TryGetValue(label, out var into)) into.Merge(acc);
                else merged[label] = acc;
            }
        return merged
            .Where(kv => includeBackground || kv.Key != 0)
            .OrderBy(kv => kv.Key)
            .Select(kv => new RegionRelevance(kv.Key, lut.NameOf(kv.Key), kv.Value.Count, kv.Value.Sum, kv.Value.Sum / kv.Value.Count, kv.Value.Min, kv.Value.Max))
            .ToList();
    }

    /// <summary>Labels stored as floating point (as volumes are read): every value must be a whole number.</summary>
    public static int[] ToLabels(ReadOnlySpan<float> values, string source)
    {
        var labels = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var rounded = MathF.Round(v);
            if (rounded != v || float.IsNaN(v))
                throw new InvalidInputException($"{source}: voxel {i} holds {v}; a label volume holds whole numbers (resample labels nearest-neighbour).");
            labels[i] = (int)rounded;
        }
        return labels;
    }

    private sealed class Accumulator
    {
        public long Count;
        public double Sum;
        public double Min = double.PositiveInfinity;
        public double Max = double.NegativeInfinity;

        public void Add(double v)
        {
            Count++;
            Sum += v;
            if (v < Min) Min = v;
            if (v > Max) Max = v;
        }

        public void Merge(Accumulator other)
        {
            Count += other.Count;
            Sum += other.Sum;
            Min = Math.Min(Min, other.Min);
            Max = Math.Max(Max, other.Max);
        }
    }
}

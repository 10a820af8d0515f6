namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// Relevance inside a feature mask (PVS or white-matter lesions) for one subject, with the original pipeline's
/// column names and definitions (relevancerelated.py, run_pvs_stats): "non-zero" and "positive" refer to relevance
/// voxels over the whole map; "inside the mask" counts every mask voxel, zero relevance included.
/// </summary>
public sealed record MaskMetrics(
    MaskFeature Feature,
    double AVoxel,
    double SVoxel,
    long NFeatureVoxel,
    double AFeatureVoxel,
    double SFeatureVoxel,
    double AsVoxel,
    double SPosVoxel,
    double SNegVoxel,
    double PFeatureVoxel,
    double PVoxel,
    double ApVoxel,
    double Age,
    double BrainAge)
{
    /// <summary>Column names in the original's order, e.g. a_voxel, s_voxel, n_pvs_voxel, ...</summary>
    public static IReadOnlyList<string> ColumnNames(MaskFeature mask)
    {
        var feature = mask.Name();
        return
        [
            "a_voxel", "s_voxel", $"n_{feature}_voxel", $"a_{feature}_voxel", $"s_{feature}_voxel", "as_voxel",
            "s_pos_voxel", "s_neg_voxel", $"p_{feature}_voxel", "p_voxel", "ap_voxel", "age", "brain_age",
        ];
    }

    /// <summary>Values in the order of <see cref="ColumnNames"/>.</summary>
    public IReadOnlyList<double> Values() =>
        [AVoxel, SVoxel, NFeatureVoxel, AFeatureVoxel, SFeatureVoxel, AsVoxel, SPosVoxel, SNegVoxel, PFeatureVoxel, PVoxel, ApVoxel, Age, BrainAge];

    /// <param name="relevance">The relevance map.</param>
    /// <param name="mask">The feature mask on the same grid (true inside).</param>
    /// <param name="feature">Names the columns (n_pvs_voxel or n_wml_voxel, ...).</param>
    public static MaskMetrics Compute(ReadOnlySpan<float> relevance, ReadOnlySpan<bool> mask, MaskFeature feature, double age = double.NaN, double brainAge = double.NaN)
    {
        if (relevance.Length != mask.Length)
            throw new InvalidInputException($"The {feature.Name()} mask has {mask.Length} voxels but the relevance map has {relevance.Length}; they must share a grid.");
        var sums = new Sums();
        for (var i = 0; i < relevance.Length; i++) sums.Add(relevance[i], mask[i]);
        return sums.ToMetrics(feature, age, brainAge);
    }

    /// <summary>
    /// The metrics with both maps restricted to a region (the original's basal-ganglia runs multiply the relevance map and
    /// the mask by the region): outside <paramref name="region"/> relevance counts as zero and no voxel is in the mask.
    /// An empty region means the whole map. Slabs run in parallel and their sums merge in slab order, so the result does
    /// not depend on scheduling.
    /// </summary>
    public static MaskMetrics Compute(ReadOnlyMemory<float> relevance, ReadOnlyMemory<byte> mask, ReadOnlyMemory<byte> region, MaskFeature feature,
        double age = double.NaN, double brainAge = double.NaN)
    {
        if (relevance.Length != mask.Length || (region.Length != 0 && region.Length != relevance.Length))
            throw new InvalidInputException($"The {feature.Name()} mask ({mask.Length} voxels), the region ({region.Length}) and the relevance map ({relevance.Length}) must share a grid.");
        var slabs = new Sums[(relevance.Length + Slab - 1) / Slab];
        Parallel.For(0, slabs.Length, slab =>
        {
            var start = slab * Slab;
            var length = Math.Min(Slab, relevance.Length - start);
            var r = relevance.Span.Slice(start, length);
            var m = mask.Span.Slice(start, length);
            var sums = new Sums();
            if (region.Length == 0)
                for (var i = 0; i < length; i++) sums.Add(r[i], m[i] != 0);
            else
            {
                var g = region.Span.Slice(start, length);
                for (var i = 0; i < length; i++)
                    if (g[i] != 0) sums.Add(r[i], m[i] != 0);
            }
            slabs[slab] = sums;
        });
        var total = new Sums();
        foreach (var sums in slabs) total.Merge(sums);
        return total.ToMetrics(feature, age, brainAge);
    }

    private const int Slab = 1 << 18;

    /// <summary>The running sums every metric derives from; zero relevance counts inside the mask but not as non-zero.</summary>
    private struct Sums
    {
        private double _sNonZero, _sPos, _sNeg, _sMask;
        private long _nNonZero, _nPos, _nMask;

        public void Add(double v, bool inMask)
        {
            if (v != 0)
            {
                _sNonZero += v;
                _nNonZero++;
                if (v > 0) { _sPos += v; _nPos++; }
                else _sNeg += v;
            }
            if (inMask) { _sMask += v; _nMask++; }
        }

        public void Merge(in Sums other)
        {
            _sNonZero += other._sNonZero; _sPos += other._sPos; _sNeg += other._sNeg; _sMask += other._sMask;
            _nNonZero += other._nNonZero; _nPos += other._nPos; _nMask += other._nMask;
        }

        public readonly MaskMetrics ToMetrics(MaskFeature feature, double age, double brainAge)
        {
            var apVoxel = _sPos / _nPos;
            return new MaskMetrics(feature,
                AVoxel: _sNonZero / _nNonZero,
                SVoxel: _sNonZero,
                NFeatureVoxel: _nMask,
                AFeatureVoxel: _sMask / _nMask,
                SFeatureVoxel: _sMask,
                AsVoxel: _sNonZero * _nMask,
                SPosVoxel: _sPos,
                SNegVoxel: _sNeg,
                PFeatureVoxel: _sMask / _sPos,
                PVoxel: apVoxel * _nMask / _sPos,
                ApVoxel: apVoxel,
                Age: age,
                BrainAge: brainAge);
        }
    }
}

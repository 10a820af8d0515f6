namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Per-voxel maps relating relevance to another map across subjects: Pearson r with its two-sided p (cor.test's
/// t-test on n − 2 df), cosine similarity, and the Bonferroni-corrected significance −log10(min(1, p · tests)).
/// Voxels outside the mask, or without variance in either map, have NaN r and p and are not counted as tests.
/// </summary>
public sealed record VoxelwiseMaps(double[] R, double[] P, double[] Cosine, int Subjects, int TestedVoxels)
{
    /// <summary>−log10(min(1, p · <see cref="TestedVoxels"/>)) per voxel (NaN where p is).</summary>
    public double[] NegLog10PBonferroni()
    {
        var map = new double[P.Length];
        for (var i = 0; i < P.Length; i++)
            map[i] = double.IsNaN(P[i]) ? double.NaN : VoxelwiseCorrelation.BonferroniNegLog10(P[i], TestedVoxels);
        return map;
    }
}

/// <summary>Similarity of two maps inside one subject's mask: Pearson r with cor.test's two-sided p, and the cosine.</summary>
public sealed record MapSimilarity(int N, double R, double P, double Cosine);

public static class VoxelwiseCorrelation
{
    /// <param name="relevance">One map per subject, all of the same length.</param>
    /// <param name="other">The other map per subject (e.g. FA), in the same order and on the same grid.</param>
    /// <param name="mask">Optional: only voxels where it is true are tested.</param>
    public static VoxelwiseMaps AcrossSubjects(IReadOnlyList<float[]> relevance, IReadOnlyList<float[]> other, bool[]? mask = null)
    {
        var subjects = relevance.Count;
        if (other.Count != subjects)
            throw new InvalidInputException($"{subjects} relevance maps but {other.Count} other maps; they must pair up by subject.");
        if (subjects < 3) throw new InvalidInputException($"Voxel-wise correlation needs at least 3 subjects; got {subjects}.");
        var voxels = relevance[0].Length;
        var moments = new VoxelwiseMoments(voxels);
        for (var s = 0; s < subjects; s++)
        {
            if (relevance[s].Length != voxels) throw new InvalidInputException($"Relevance map {s} has {relevance[s].Length} voxels; map 0 has {voxels}.");
            if (other[s].Length != voxels) throw new InvalidInputException($"Other map {s} has {other[s].Length} voxels; the relevance maps have {voxels}.");
            moments.Add(relevance[s], other[s]);
        }
        return Maps(moments, mask);
    }

    /// <summary>The maps of accumulated moments; voxels outside <paramref name="mask"/> are NaN and not tested.</summary>
    public static VoxelwiseMaps Maps(VoxelwiseMoments moments, bool[]? mask = null)
    {
        var voxels = moments.Voxels;
        if (mask is not null && mask.Length != voxels)
            throw new InvalidInputException($"The mask has {mask.Length} voxels; the maps have {voxels}.");
        if (moments.Subjects < 3) throw new InvalidInputException($"Voxel-wise correlation needs at least 3 subjects; got {moments.Subjects}.");
        var r = new double[voxels];
        var p = new double[voxels];
        var cosine = new double[voxels];
        var df = moments.Subjects - 2;
        var tested = 0;
        for (var v = 0; v < voxels; v++)
        {
            if (mask is not null && !mask[v])
            {
                r[v] = p[v] = cosine[v] = double.NaN;
                continue;
            }
            cosine[v] = moments.Cosine(v);
            r[v] = moments.Correlation(v);
            p[v] = double.IsNaN(r[v]) ? double.NaN : PearsonCorrelation.PValue(r[v], df);
            if (!double.IsNaN(p[v])) tested++;
        }
        return new VoxelwiseMaps(r, p, cosine, moments.Subjects, tested);
    }

    /// <summary>−log10(min(1, p · tests)): 0 where nothing survives, larger where the corrected p is smaller.</summary>
    public static double BonferroniNegLog10(double p, int tests) => -Math.Log10(Math.Min(1, p * tests));

    /// <summary>Pearson r (with p) and cosine similarity of two maps over the voxels where <paramref name="mask"/> is true.</summary>
    public static MapSimilarity WithinSubject(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<bool> mask)
    {
        if (a.Length != b.Length || a.Length != mask.Length)
            throw new InvalidInputException($"Maps and mask differ in size: {a.Length}, {b.Length} and {mask.Length} voxels.");
        var n = 0;
        double sa = 0, sb = 0;
        for (var i = 0; i < a.Length; i++)
            if (mask[i]) { n++; sa += a[i]; sb += b[i]; }
        if (n < 3) throw new InvalidInputException($"The mask holds {n} voxels; a correlation needs at least 3.");
        double ma = sa / n, mb = sb / n;
        double saa = 0, sbb = 0, sab = 0, raa = 0, rbb = 0, rab = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!mask[i]) continue;
            double x = a[i], y = b[i];
            double dx = x - ma, dy = y - mb;
            saa += dx * dx; sbb += dy * dy; sab += dx * dy;
            raa += x * x; rbb += y * y; rab += x * y;
        }
        var r = saa > 0 && sbb > 0 ? Math.Clamp(sab / Math.Sqrt(saa * sbb), -1, 1) : double.NaN;
        var cosine = raa > 0 && rbb > 0 ? rab / Math.Sqrt(raa * rbb) : double.NaN;
        return new MapSimilarity(n, r, double.IsNaN(r) ? double.NaN : PearsonCorrelation.PValue(r, n - 2), cosine);
    }
}

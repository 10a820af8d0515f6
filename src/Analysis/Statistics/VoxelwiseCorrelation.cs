using System.Buffers;
using MathNet.Numerics;

namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Per-voxel maps relating relevance to another map across subjects: Pearson r, cosine similarity, and the
/// Bonferroni-corrected significance −log10(min(1, p · <see cref="TestedVoxels"/>)). Voxels outside the mask or
/// without variance in either map are NaN and are not counted as tests.
/// </summary>
public sealed record VoxelwiseMaps(float[] R, float[] Cosine, float[] NegLog10PBonferroni, int Subjects, int TestedVoxels);

/// <summary>Similarity of two maps inside one subject's mask.</summary>
public sealed record MapSimilarity(int N, double R, double Cosine);

public static class VoxelwiseCorrelation
{
    private const int Slab = 4096;

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
        for (var s = 0; s < subjects; s++)
        {
            if (relevance[s].Length != voxels) throw new InvalidInputException($"Relevance map {s} has {relevance[s].Length} voxels; map 0 has {voxels}.");
            if (other[s].Length != voxels) throw new InvalidInputException($"Other map {s} has {other[s].Length} voxels; the relevance maps have {voxels}.");
        }
        if (mask is not null && mask.Length != voxels)
            throw new InvalidInputException($"The mask has {mask.Length} voxels; the maps have {voxels}.");

        var r = new float[voxels];
        var cosine = new float[voxels];
        var pValues = new double[voxels];
        var slabs = (voxels + Slab - 1) / Slab;
        Parallel.For(0, slabs, slab =>
        {
            var start = slab * Slab;
            var length = Math.Min(Slab, voxels - start);
            var pool = ArrayPool<double>.Shared;
            var mx = pool.Rent(length); var my = pool.Rent(length);
            var sxx = pool.Rent(length); var syy = pool.Rent(length); var sxy = pool.Rent(length);
            var rxx = pool.Rent(length); var ryy = pool.Rent(length); var rxy = pool.Rent(length);
            try
            {
                Array.Clear(mx, 0, length); Array.Clear(my, 0, length);
                Array.Clear(sxx, 0, length); Array.Clear(syy, 0, length); Array.Clear(sxy, 0, length);
                Array.Clear(rxx, 0, length); Array.Clear(ryy, 0, length); Array.Clear(rxy, 0, length);
                // Subjects outer, voxels inner: each pass streams contiguous slabs of every map.
                for (var s = 0; s < subjects; s++)
                {
                    var a = relevance[s].AsSpan(start, length);
                    var b = other[s].AsSpan(start, length);
                    for (var v = 0; v < length; v++) { mx[v] += a[v]; my[v] += b[v]; }
                }
                for (var v = 0; v < length; v++) { mx[v] /= subjects; my[v] /= subjects; }
                for (var s = 0; s < subjects; s++)
                {
                    var a = relevance[s].AsSpan(start, length);
                    var b = other[s].AsSpan(start, length);
                    for (var v = 0; v < length; v++)
                    {
                        double x = a[v], y = b[v];
                        double dx = x - mx[v], dy = y - my[v];
                        sxx[v] += dx * dx; syy[v] += dy * dy; sxy[v] += dx * dy;
                        rxx[v] += x * x; ryy[v] += y * y; rxy[v] += x * y;
                    }
                }
                double df = subjects - 2;
                for (var v = 0; v < length; v++)
                {
                    var i = start + v;
                    var inMask = mask is null || mask[i];
                    var cos = rxx[v] > 0 && ryy[v] > 0 ? rxy[v] / Math.Sqrt(rxx[v] * ryy[v]) : double.NaN;
                    cosine[i] = inMask ? (float)cos : float.NaN;
                    if (!inMask || !(sxx[v] > 0) || !(syy[v] > 0))
                    {
                        r[i] = float.NaN;
                        pValues[i] = double.NaN;
                        continue;
                    }
                    var rv = Math.Clamp(sxy[v] / Math.Sqrt(sxx[v] * syy[v]), -1, 1);
                    r[i] = (float)rv;
                    // Two-sided t-test p of r on n − 2 df: I_{1−r²}(df/2, 1/2).
                    pValues[i] = Math.Abs(rv) >= 1 ? 0 : SpecialFunctions.BetaRegularized(df / 2, 0.5, 1 - rv * rv);
                }
            }
            finally
            {
                pool.Return(mx); pool.Return(my); pool.Return(sxx); pool.Return(syy); pool.Return(sxy);
                pool.Return(rxx); pool.Return(ryy); pool.Return(rxy);
            }
        });

        var tested = 0;
        foreach (var p in pValues) if (!double.IsNaN(p)) tested++;
        var significance = new float[voxels];
        for (var i = 0; i < voxels; i++)
            significance[i] = double.IsNaN(pValues[i]) ? float.NaN : (float)BonferroniNegLog10(pValues[i], tested);
        return new VoxelwiseMaps(r, cosine, significance, subjects, tested);
    }

    /// <summary>−log10(min(1, p · tests)): 0 where nothing survives, larger where the corrected p is smaller.</summary>
    public static double BonferroniNegLog10(double p, int tests) => -Math.Log10(Math.Min(1, p * tests));

    /// <summary>Pearson r and cosine similarity of two maps over the voxels where <paramref name="mask"/> is true.</summary>
    public static MapSimilarity WithinSubject(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<bool> mask)
    {
        if (a.Length != b.Length || a.Length != mask.Length)
            throw new InvalidInputException($"Maps and mask differ in size: {a.Length}, {b.Length} and {mask.Length} voxels.");
        var n = 0;
        double sa = 0, sb = 0;
        for (var i = 0; i < a.Length; i++)
            if (mask[i]) { n++; sa += a[i]; sb += b[i]; }
        if (n < 2) throw new InvalidInputException($"The mask holds {n} voxels; at least 2 are needed.");
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
        return new MapSimilarity(n, r, cosine);
    }
}

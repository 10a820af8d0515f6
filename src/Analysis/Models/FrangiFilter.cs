using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Frangi vesselness (Frangi et al. 1998) on a 3-D image, discretised as scikit-image's <c>frangi</c>: Gaussian
/// smoothing (scipy "reflect" border), the Hessian as <c>np.gradient</c> of <c>np.gradient</c>, scale-normalised by
/// σ²; eigenvalues sorted by magnitude |λ1| ≤ |λ2| ≤ |λ3|; per scale
/// V = (1 − exp(−R_A²/2α²)) · exp(−R_B²/2β²) · (1 − exp(−S²/2c²)) with R_A = λ2/λ3, R_B = λ1/√|λ2λ3|,
/// S² = Σλ², and V = 0 where λ2 or λ3 has the wrong sign for the polarity; the result is the maximum over scales.
/// σ is in mm (anisotropic voxels get per-axis σ and mm-unit derivatives). Only voxels of the mask are evaluated,
/// on the mask's bounding box plus the kernel reach, so a brain mask makes it several times cheaper and the
/// values inside the mask are exactly those of the unmasked filter.
/// </summary>
public static class FrangiFilter
{
    /// <summary>Vesselness of the first frame of <paramref name="image"/>, as a float32 volume on its grid (0 outside the mask).</summary>
    /// <param name="mask">Voxels to evaluate (non-zero = inside), x fastest; empty for the whole volume.</param>
    /// <param name="cancellationToken">Checked before each scale.</param>
    public static Volume Apply(Volume image, FrangiOptions? options = null, ReadOnlySpan<byte> mask = default, CancellationToken cancellationToken = default)
    {
        options ??= new FrangiOptions();
        options.Validate();
        FiniteVoxels.Require(image, "the image given to the Frangi filter");
        var shape = image.Shape3;
        if (!mask.IsEmpty && mask.Length != image.SpatialCount)
            throw new InvalidInputException($"frangi: the mask has {mask.Length} voxels, the image {image.SpatialCount} ({shape.X}×{shape.Y}×{shape.Z})");
        var result = new Volume([shape.X, shape.Y, shape.Z], image.Affine, VoxelType.Float32, [image.Zooms[0], image.Zooms[1], image.Zooms[2]]);

        var inside = mask.IsEmpty ? null : mask.ToArray();
        BoundingBox? box = inside is null ? new BoundingBox(0, 0, 0, shape.X - 1, shape.Y - 1, shape.Z - 1) : MaskBox(inside, shape);
        if (box is not { } b) return result;

        double[] zooms = [image.Zooms[0], image.Zooms[1], image.Zooms[2]];
        var maxSigma = options.SigmasMm.Max();
        // The region: mask box plus the Gaussian's reach plus the two differences of the Hessian.
        int[] lo = new int[3], hi = new int[3];
        int[] n = [shape.X, shape.Y, shape.Z];
        int[] bmin = [b.MinX, b.MinY, b.MinZ], bmax = [b.MaxX, b.MaxY, b.MaxZ];
        for (var a = 0; a < 3; a++)
        {
            var margin = (int)(options.Truncate * maxSigma / zooms[a] + 0.5) + 2;
            lo[a] = Math.Max(0, bmin[a] - margin);
            hi[a] = Math.Min(n[a] - 1, bmax[a] + margin);
        }
        var rs = (X: hi[0] - lo[0] + 1, Y: hi[1] - lo[1] + 1, Z: hi[2] - lo[2] + 1);
        var count = rs.X * rs.Y * rs.Z;
        var pool = LargeBuffers.Floats;
        float[] region = pool.Rent(count), smooth = pool.Rent(count), scratch = pool.Rent(count);
        float[] shapeTerm = pool.Rent(count), normSq = pool.Rent(count);
        try
        {
            var src = image.Frame(0);
            for (var z = 0; z < rs.Z; z++)
                for (var y = 0; y < rs.Y; y++)
                    src.Slice(image.Index(lo[0], lo[1] + y, lo[2] + z), rs.X).CopyTo(region.AsSpan(rs.X * (y + rs.Y * z), rs.X));

            var output = result.Memory;
            var polaritySign = options.Polarity == VesselPolarity.Dark ? -1.0 : 1.0;
            foreach (var sigma in options.SigmasMm)
            {
                cancellationToken.ThrowIfCancellationRequested();
                region.AsSpan(0, count).CopyTo(smooth);
                GaussianSmoothing.Smooth(smooth, rs, (sigma / zooms[0], sigma / zooms[1], sigma / zooms[2]), options.Truncate, scratch);
                var maxNorm = EigenTerms(smooth, rs, lo, bmin, bmax, n, inside, zooms, sigma, polaritySign, options, shapeTerm, normSq);
                var c = options.C ?? (maxNorm > 0 ? maxNorm / 2 : 1);
                var twoCSq = 2 * c * c;
                Parallel.For(bmin[2], bmax[2] + 1, z =>
                {
                    var o = output.Span;
                    for (var y = bmin[1]; y <= bmax[1]; y++)
                        for (var x = bmin[0]; x <= bmax[0]; x++)
                        {
                            var g = x + n[0] * (y + n[1] * z);
                            if (inside is not null && inside[g] == 0) continue;
                            var r = (x - lo[0]) + rs.X * ((y - lo[1]) + rs.Y * (z - lo[2]));
                            var v = (float)(shapeTerm[r] * (1 - Math.Exp(-normSq[r] / twoCSq)));
                            if (v > o[g]) o[g] = v;
                        }
                });
            }
        }
        finally
        {
            pool.Return(region); pool.Return(smooth); pool.Return(scratch); pool.Return(shapeTerm); pool.Return(normSq);
        }
        return result;
    }

    /// <summary>
    /// For every evaluated voxel: the plate and blob factors (0 where the polarity is wrong) into
    /// <paramref name="shapeTerm"/> and S² into <paramref name="normSq"/>; returns the largest S (for the default c).
    /// </summary>
    private static double EigenTerms(float[] g, (int X, int Y, int Z) rs, int[] lo, int[] bmin, int[] bmax, int[] n,
        byte[]? inside, double[] zooms, double sigma, double sign, FrangiOptions o, float[] shapeTerm, float[] normSq)
    {
        var twoAlphaSq = 2 * o.Alpha * o.Alpha;
        var twoBetaSq = 2 * o.Beta * o.Beta;
        // Scale normalisation σ² (mm) and conversion of voxel differences to mm, with the polarity's sign.
        var sxx = sign * sigma * sigma / (zooms[0] * zooms[0]);
        var syy = sign * sigma * sigma / (zooms[1] * zooms[1]);
        var szz = sign * sigma * sigma / (zooms[2] * zooms[2]);
        var sxy = sign * sigma * sigma / (zooms[0] * zooms[1]);
        var sxz = sign * sigma * sigma / (zooms[0] * zooms[2]);
        var syz = sign * sigma * sigma / (zooms[1] * zooms[2]);
        var planeMax = new double[bmax[2] - bmin[2] + 1];
        int sy = rs.X, sz = rs.X * rs.Y;
        Parallel.For(bmin[2], bmax[2] + 1, z =>
        {
            double localMax = 0;
            var rz = z - lo[2];
            for (var y = bmin[1]; y <= bmax[1]; y++)
            {
                var ry = y - lo[1];
                for (var x = bmin[0]; x <= bmax[0]; x++)
                {
                    if (inside is not null && inside[x + n[0] * (y + n[1] * z)] == 0) continue;
                    var rx = x - lo[0];
                    var i = rx + sy * (ry + rs.Y * rz);
                    double hxx, hyy, hzz, hxy, hxz, hyz;
                    if (rx >= 2 && rx < rs.X - 2 && ry >= 2 && ry < rs.Y - 2 && rz >= 2 && rz < rs.Z - 2)
                    {
                        double c0 = g[i];
                        hxx = 0.25 * (g[i + 2] - 2 * c0 + g[i - 2]);
                        hyy = 0.25 * (g[i + 2 * sy] - 2 * c0 + g[i - 2 * sy]);
                        hzz = 0.25 * (g[i + 2 * sz] - 2 * c0 + g[i - 2 * sz]);
                        hxy = 0.25 * (g[i + 1 + sy] - g[i + 1 - sy] - g[i - 1 + sy] + g[i - 1 - sy]);
                        hxz = 0.25 * (g[i + 1 + sz] - g[i + 1 - sz] - g[i - 1 + sz] + g[i - 1 - sz]);
                        hyz = 0.25 * (g[i + sy + sz] - g[i + sy - sz] - g[i - sy + sz] + g[i - sy - sz]);
                    }
                    else
                    {
                        // Near the image's edge: np.gradient's one-sided differences, inner derivative along the
                        // later axis as scikit-image's hessian_matrix(order="rc") takes them.
                        var p = new Voxel(rx, ry, rz);
                        var dims = new Voxel(rs.X, rs.Y, rs.Z);
                        hxx = EdgeSecond(g, dims, p, 0, 0);
                        hyy = EdgeSecond(g, dims, p, 1, 1);
                        hzz = EdgeSecond(g, dims, p, 2, 2);
                        hxy = EdgeSecond(g, dims, p, 1, 0);
                        hxz = EdgeSecond(g, dims, p, 2, 0);
                        hyz = EdgeSecond(g, dims, p, 2, 1);
                    }
                    var (l1, l2, l3) = SymmetricEigen3.ByMagnitude(hxx * sxx, hyy * syy, hzz * szz, hxy * sxy, hxz * sxz, hyz * syz);
                    var s2 = l1 * l1 + l2 * l2 + l3 * l3;
                    normSq[i] = (float)s2;
                    if (s2 > localMax) localMax = s2;
                    if (l2 > 0 || l3 > 0)
                    {
                        shapeTerm[i] = 0;
                        continue;
                    }
                    var ra = l2 / (l3 == 0 ? 1e-10 : l3);
                    var blobDenominator = Math.Sqrt(Math.Abs(l2 * l3));
                    var rb = l1 / (blobDenominator == 0 ? 1e-10 : blobDenominator);
                    shapeTerm[i] = (float)((1 - Math.Exp(-ra * ra / twoAlphaSq)) * Math.Exp(-rb * rb / twoBetaSq));
                }
            }
            planeMax[z - bmin[2]] = localMax;
        });
        return Math.Sqrt(planeMax.Max());
    }

    /// <summary>d/d(axis b) of d/d(axis a) of g at p, with np.gradient's differences (one-sided at the ends).</summary>
    private static double EdgeSecond(float[] g, Voxel dims, Voxel p, int a, int b)
    {
        var (blo, bhi, bs) = Stencil(p[b], dims[b]);
        if (bs == 0) return 0;
        return bs * (EdgeFirst(g, dims, p.With(b, bhi), a) - EdgeFirst(g, dims, p.With(b, blo), a));
    }

    private static double EdgeFirst(float[] g, Voxel dims, Voxel p, int a)
    {
        var (alo, ahi, s) = Stencil(p[a], dims[a]);
        if (s == 0) return 0;
        var upper = p.With(a, ahi);
        var lower = p.With(a, alo);
        return s * ((double)g[upper.X + dims.X * (upper.Y + dims.Y * upper.Z)] - g[lower.X + dims.X * (lower.Y + dims.Y * lower.Z)]);
    }

    /// <summary>Three voxel coordinates (or sizes) indexable by axis, without allocating.</summary>
    private readonly record struct Voxel(int X, int Y, int Z)
    {
        public int this[int axis] => axis == 0 ? X : axis == 1 ? Y : Z;

        public Voxel With(int axis, int value) => axis == 0 ? this with { X = value } : axis == 1 ? this with { Y = value } : this with { Z = value };
    }

    private static (int Lo, int Hi, double Scale) Stencil(int i, int n) =>
        n < 2 ? (i, i, 0) : i == 0 ? (0, 1, 1) : i == n - 1 ? (n - 2, n - 1, 1) : (i - 1, i + 1, 0.5);

    private static BoundingBox? MaskBox(byte[] mask, (int X, int Y, int Z) s)
    {
        int minX = int.MaxValue, minY = int.MaxValue, minZ = int.MaxValue, maxX = -1, maxY = -1, maxZ = -1;
        for (var z = 0; z < s.Z; z++)
            for (var y = 0; y < s.Y; y++)
            {
                var row = mask.AsSpan(s.X * (y + s.Y * z), s.X);
                var first = row.IndexOfAnyExcept((byte)0);
                if (first < 0) continue;
                var last = row.LastIndexOfAnyExcept((byte)0);
                minX = Math.Min(minX, first); maxX = Math.Max(maxX, last);
                minY = Math.Min(minY, y); maxY = y;
                minZ = Math.Min(minZ, z); maxZ = z;
            }
        return maxX < 0 ? null : new BoundingBox(minX, minY, minZ, maxX, maxY, maxZ);
    }
}

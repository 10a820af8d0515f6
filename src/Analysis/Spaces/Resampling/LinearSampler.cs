using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RelevanceRelated.Analysis.Spaces.Resampling;

/// <summary>
/// Trilinear reads as ITK's LinearInterpolateImageFunction inside a ResampleImageFilter: a point is inside when its
/// continuous index lies in [−0.5, n − 0.5) on every axis (else the default value); along an axis where it lies beyond
/// the outermost voxel centres the edge voxel is used; the value is lerped along x, then y, then z, in double.
/// </summary>
internal static class LinearSampler
{
    public static void Row(ReadOnlySpan<float> src, (int X, int Y, int Z) n, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy,
        ReadOnlySpan<double> cz, Span<float> dst, float fill)
    {
        ref var s0 = ref MemoryMarshal.GetReference(src);
        int nx = n.X, ny = n.Y, nz = n.Z, sy = n.X, sz = n.X * n.Y;
        for (var i = 0; i < dst.Length; i++)
        {
            double x = cx[i], y = cy[i], z = cz[i];
            if (!(x >= -0.5 && x < nx - 0.5 && y >= -0.5 && y < ny - 0.5 && z >= -0.5 && z < nz - 0.5))
            {
                dst[i] = fill;
                continue;
            }
            Cell(x, nx, out var ix, out var ox, out var fx);
            Cell(y, ny, out var iy, out var oy, out var fy);
            Cell(z, nz, out var iz, out var oz, out var fz);
            oy *= sy;
            oz *= sz;
            ref var p = ref Unsafe.Add(ref s0, ix + sy * iy + sz * iz);
            double v000 = p, v100 = Unsafe.Add(ref p, ox), v010 = Unsafe.Add(ref p, oy), v110 = Unsafe.Add(ref p, oy + ox);
            double v001 = Unsafe.Add(ref p, oz), v101 = Unsafe.Add(ref p, oz + ox), v011 = Unsafe.Add(ref p, oz + oy), v111 = Unsafe.Add(ref p, oz + oy + ox);
            var x00 = v000 + (v100 - v000) * fx;
            var x10 = v010 + (v110 - v010) * fx;
            var x01 = v001 + (v101 - v001) * fx;
            var x11 = v011 + (v111 - v011) * fx;
            var xy0 = x00 + (x10 - x00) * fy;
            var xy1 = x01 + (x11 - x01) * fy;
            dst[i] = (float)(xy0 + (xy1 - xy0) * fz);
        }
    }

    /// <summary>The lower voxel of the cell holding c (clamped into the grid), the offset to the upper one (0 at the
    /// last voxel) and the fraction towards it (0 when c is below the first centre).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Cell(double c, int n, out int lower, out int offset, out double fraction)
    {
        lower = Math.Max((int)Math.Floor(c), 0);
        fraction = Math.Max(c - lower, 0);
        offset = lower < n - 1 ? 1 : 0;
    }
}

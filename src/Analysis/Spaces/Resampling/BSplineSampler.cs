namespace RelevanceRelated.Analysis.Spaces.Resampling;

/// <summary>
/// Cubic B-spline reads as ITK's BSplineInterpolateImageFunction (order 3) inside a ResampleImageFilter: inside as for
/// linear; the 4×4×4 coefficients from ⌊c⌋ − 1 (ITK floors the coordinate in single precision) with indices mirrored
/// at the first and last voxel; weights 1/6·(1−w)³, 2/3 − w² + w³/2, … from w = c − ⌊c⌋.
/// </summary>
internal static class BSplineSampler
{
    public static void Row(ReadOnlySpan<float> coefficients, (int X, int Y, int Z) n, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy,
        ReadOnlySpan<double> cz, Span<float> dst, float fill)
    {
        int nx = n.X, ny = n.Y, nz = n.Z;
        Span<double> wx = stackalloc double[4], wy = stackalloc double[4], wz = stackalloc double[4];
        Span<int> ix = stackalloc int[4], iy = stackalloc int[4], iz = stackalloc int[4];
        for (var i = 0; i < dst.Length; i++)
        {
            double x = cx[i], y = cy[i], z = cz[i];
            if (!(x >= -0.5 && x < nx - 0.5 && y >= -0.5 && y < ny - 0.5 && z >= -0.5 && z < nz - 0.5))
            {
                dst[i] = fill;
                continue;
            }
            Support(x, nx, ix, wx);
            Support(y, ny, iy, wy);
            Support(z, nz, iz, wz);
            double sum = 0;
            for (var k = 0; k < 4; k++)
            {
                var planeOffset = nx * ny * iz[k];
                double plane = 0;
                for (var j = 0; j < 4; j++)
                {
                    var row = coefficients.Slice(planeOffset + nx * iy[j], nx);
                    plane += wy[j] * (wx[0] * row[ix[0]] + wx[1] * row[ix[1]] + wx[2] * row[ix[2]] + wx[3] * row[ix[3]]);
                }
                sum += wz[k] * plane;
            }
            dst[i] = (float)sum;
        }
    }

    private static void Support(double c, int n, Span<int> index, Span<double> weight)
    {
        var first = (int)Math.Floor((float)c) - 1;
        var w = c - (first + 1);
        weight[3] = w * w * w / 6.0;
        weight[0] = 1.0 / 6.0 + 0.5 * w * (w - 1.0) - weight[3];
        weight[2] = w + weight[0] - 2.0 * weight[3];
        weight[1] = 1.0 - weight[0] - weight[2] - weight[3];
        for (var k = 0; k < 4; k++)
        {
            var m = first + k;
            if (n == 1) m = 0;
            else
            {
                if (m < 0) m = -m;
                if (m >= n - 1) m = (n - 1) - (m - (n - 1));
                m = Math.Clamp(m, 0, n - 1);
            }
            index[k] = m;
        }
    }
}

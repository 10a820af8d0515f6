namespace RelevanceRelated.Analysis.Spaces.Resampling;

/// <summary>Nearest-voxel reads as ITK's NearestNeighborInterpolateImageFunction: inside as for linear, index
/// ⌊c + 0.5⌋ (halves round up).</summary>
internal static class NearestSampler
{
    public static void Row(ReadOnlySpan<float> src, (int X, int Y, int Z) n, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy,
        ReadOnlySpan<double> cz, Span<float> dst, float fill)
    {
        int nx = n.X, ny = n.Y, nz = n.Z;
        for (var i = 0; i < dst.Length; i++)
        {
            double x = cx[i], y = cy[i], z = cz[i];
            if (!(x >= -0.5 && x < nx - 0.5 && y >= -0.5 && y < ny - 0.5 && z >= -0.5 && z < nz - 0.5))
            {
                dst[i] = fill;
                continue;
            }
            var ix = Math.Min((int)Math.Floor(x + 0.5), nx - 1);
            var iy = Math.Min((int)Math.Floor(y + 0.5), ny - 1);
            var iz = Math.Min((int)Math.Floor(z + 0.5), nz - 1);
            dst[i] = src[ix + nx * (iy + ny * iz)];
        }
    }
}

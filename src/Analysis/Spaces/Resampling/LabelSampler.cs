namespace RelevanceRelated.Analysis.Spaces.Resampling;

/// <summary>
/// Label-aware reads as ITK's LabelImageGenericInterpolateImageFunction (ANTs' <c>GenericLabel</c>): for each label,
/// its 0/1 indicator is interpolated exactly as <see cref="LinearSampler"/> interpolates intensities; the label with the
/// highest value wins, the smallest label among equal values (ITK visits labels in ascending order and replaces only on
/// a strictly higher value). Only the labels of the eight neighbours can score above zero, so only they are visited.
/// </summary>
internal static class LabelSampler
{
    public static void Row(ReadOnlySpan<float> src, (int X, int Y, int Z) n, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy,
        ReadOnlySpan<double> cz, Span<float> dst, float fill)
    {
        int nx = n.X, ny = n.Y, nz = n.Z, sy = n.X, sz = n.X * n.Y;
        Span<float> corner = stackalloc float[8];
        Span<float> candidates = stackalloc float[8];
        for (var i = 0; i < dst.Length; i++)
        {
            double x = cx[i], y = cy[i], z = cz[i];
            if (!(x >= -0.5 && x < nx - 0.5 && y >= -0.5 && y < ny - 0.5 && z >= -0.5 && z < nz - 0.5))
            {
                dst[i] = fill;
                continue;
            }
            LinearSampler.Cell(x, nx, out var ix, out var ox, out var fx);
            LinearSampler.Cell(y, ny, out var iy, out var oy, out var fy);
            LinearSampler.Cell(z, nz, out var iz, out var oz, out var fz);
            oy *= sy;
            oz *= sz;
            var b = ix + sy * iy + sz * iz;
            corner[0] = src[b];
            corner[1] = src[b + ox];
            corner[2] = src[b + oy];
            corner[3] = src[b + oy + ox];
            corner[4] = src[b + oz];
            corner[5] = src[b + oz + ox];
            corner[6] = src[b + oz + oy];
            corner[7] = src[b + oz + oy + ox];
            var count = 0;
            foreach (var v in corner)
                if (candidates[..count].IndexOf(v) < 0) candidates[count++] = v;
            candidates[..count].Sort();
            double best = 0;
            float label = 0;
            foreach (var l in candidates[..count])
            {
                var x00 = Lerp(corner[0] == l, corner[1] == l, fx);
                var x10 = Lerp(corner[2] == l, corner[3] == l, fx);
                var x01 = Lerp(corner[4] == l, corner[5] == l, fx);
                var x11 = Lerp(corner[6] == l, corner[7] == l, fx);
                var xy0 = x00 + (x10 - x00) * fy;
                var xy1 = x01 + (x11 - x01) * fy;
                var value = xy0 + (xy1 - xy0) * fz;
                if (value > best)
                {
                    best = value;
                    label = l;
                }
            }
            dst[i] = label;
        }
    }

    private static double Lerp(bool a, bool b, double f)
    {
        double va = a ? 1 : 0, vb = b ? 1 : 0;
        return va + (vb - va) * f;
    }
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// ITK's physical space is LPS (x to the left, y to the posterior); ours, like nibabel's, is RAS. A point converts by
/// negating x and y (D = diag(−1, −1, 1), its own inverse), so an ITK map p ↦ M·p + o becomes D·M·D in RAS with offset
/// D·o. Both directions are exact (sign changes only).
/// </summary>
public static class ItkSpace
{
    /// <summary>The RAS affine of ITK's matrix-offset form: matrix (row-major 3×3) and translation, centre c, in LPS:
    /// p ↦ M·(p − c) + c + t.</summary>
    public static Affine FromItkMatrixOffset(ReadOnlySpan<double> matrix, ReadOnlySpan<double> translation, ReadOnlySpan<double> centre)
    {
        if (matrix.Length != 9 || translation.Length != 3 || centre.Length != 3)
            throw new ArgumentException("ITK's 3-D matrix-offset form has 9 matrix, 3 translation and 3 centre values");
        Span<double> offset = stackalloc double[3];
        for (var r = 0; r < 3; r++)
        {
            offset[r] = translation[r] + centre[r];
            for (var c = 0; c < 3; c++) offset[r] -= matrix[r * 3 + c] * centre[c];
        }
        return FromLps(matrix, offset);
    }

    /// <summary>The RAS affine of an LPS map p ↦ M·p + o.</summary>
    public static Affine FromLps(ReadOnlySpan<double> matrix, ReadOnlySpan<double> offset)
    {
        var v = new double[16];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++) v[r * 4 + c] = Sign(r) * Sign(c) * matrix[r * 3 + c];
            v[r * 4 + 3] = Sign(r) * offset[r];
        }
        v[15] = 1;
        return new Affine(v);
    }

    /// <summary>ITK's parameters of an affine (AffineTransform: 9 matrix values row-major, then the translation) for a
    /// RAS affine, with the given centre (LPS, the transform's fixed parameters).</summary>
    public static double[] ToItkAffineParameters(Affine ras, ReadOnlySpan<double> centreLps)
    {
        var p = new double[12];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++) p[r * 3 + c] = Sign(r) * Sign(c) * ras[r, c];
            // t = o − c + M·c, with o the LPS offset.
            var t = Sign(r) * ras[r, 3] - centreLps[r];
            for (var c = 0; c < 3; c++) t += p[r * 3 + c] * centreLps[c];
            p[9 + r] = t;
        }
        return p;
    }

    /// <summary>The RAS voxel-to-world affine of an ITK image grid: LPS point = origin + direction · diag(spacing) · index
    /// (direction row-major). Only the world side flips; voxel indices do not.</summary>
    public static Affine GridAffine(ReadOnlySpan<double> origin, ReadOnlySpan<double> spacing, ReadOnlySpan<double> direction)
    {
        var v = new double[16];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++) v[r * 4 + c] = Sign(r) * direction[r * 3 + c] * spacing[c];
            v[r * 4 + 3] = Sign(r) * origin[r];
        }
        v[15] = 1;
        return new Affine(v);
    }

    /// <summary>A point or vector between LPS and RAS (the same operation both ways).</summary>
    public static (double X, double Y, double Z) Flip(double x, double y, double z) => (-x, -y, z);

    private static double Sign(int axis) => axis < 2 ? -1 : 1;
}

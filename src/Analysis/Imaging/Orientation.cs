using MathNet.Numerics.LinearAlgebra;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Orientation algebra as nibabel's orientations module: axis codes from an affine (<c>aff2axcodes</c> via
/// <c>io_orientation</c>: the nearest shear-free rotation, then each voxel axis takes the world axis it follows
/// most, ties resolved in axis order), and exact reorientation by permuting and flipping voxel axes.
/// </summary>
public static class Orientation
{
    /// <summary>Per voxel axis, the world axis and sense (nibabel's <c>io_orientation</c>).</summary>
    public static AxisOrientation[] FromAffine(Affine affine)
    {
        var rzs = Matrix<double>.Build.Dense(3, 3, (r, c) => affine[r, c]);
        for (var c = 0; c < 3; c++)
        {
            var norm = rzs.Column(c).L2Norm();
            if (norm == 0 || !double.IsFinite(norm)) norm = 1;
            for (var row = 0; row < 3; row++) rzs[row, c] /= norm;
        }
        var result = new AxisOrientation[3];
        foreach (var v in rzs.Enumerate())
            if (!double.IsFinite(v)) { Array.Fill(result, AxisOrientation.Undetermined); return result; }
        var svd = rzs.Svd(computeVectors: true);
        var s = svd.S;
        var tol = s.Maximum() * 3 * 2.220446049250313e-16;
        // R = P[:, keep] · Qs[keep]: the closest shear-free matrix (polar decomposition) on the kept rank.
        var r = Matrix<double>.Build.Dense(3, 3);
        for (var k = 0; k < 3; k++)
            if (s[k] > tol) r += svd.U.Column(k).OuterProduct(svd.VT.Row(k));
        for (var inAxis = 0; inAxis < 3; inAxis++)
        {
            var col = r.Column(inAxis);
            if (col.All(x => Math.Abs(x) <= 1e-8)) { result[inAxis] = AxisOrientation.Undetermined; continue; }
            var outAxis = col.AbsoluteMaximumIndex();
            result[inAxis] = new AxisOrientation(outAxis, col[outAxis] < 0 ? -1 : 1);
            for (var c = 0; c < 3; c++) r[outAxis, c] = 0;
        }
        return result;
    }

    /// <summary>Axis codes such as "LIA" or "RAS" (nibabel's <c>aff2axcodes</c>); '?' marks an undetermined axis.</summary>
    public static string AxisCodes(Affine affine) => new(FromAffine(affine).Select(a => a.Code).ToArray());

    /// <summary>Axis codes of a volume.</summary>
    public static string AxisCodes(Volume volume) => AxisCodes(volume.Affine);

    /// <summary>Parses three axis codes naming each world axis once, e.g. "RAS", "LIA", "PSR".</summary>
    public static AxisOrientation[] Parse(string codes)
    {
        if (codes is null || codes.Length != 3)
            throw new InvalidInputException($"orientation: '{codes}' must be three axis codes such as RAS or LIA");
        var axes = codes.Select(c => AxisOrientation.FromCode(c, $"orientation '{codes}'")).ToArray();
        if (axes.Select(a => a.WorldAxis).Distinct().Count() != 3)
            throw new InvalidInputException($"orientation: '{codes}' must name each of R/L, A/P, S/I exactly once");
        return axes;
    }

    /// <summary>
    /// A new volume in the target orientation: voxel axes permuted and flipped (no interpolation), affine
    /// updated so every voxel keeps its world position; frames beyond the third axis are carried along.
    /// </summary>
    public static Volume Reorient(Volume volume, string targetCodes)
    {
        var target = Parse(targetCodes);
        if (!volume.Affine.IsInvertible)
            throw new InvalidInputException($"orientation: the image's affine is not invertible, so its orientation is undefined: {volume.Affine}");
        var source = FromAffine(volume.Affine);
        if (source.Any(a => !a.IsDetermined))
            throw new InvalidInputException($"orientation: cannot determine the image's axis codes from its affine {volume.Affine}");

        // perm[j] = source axis that becomes target axis j; flip[j] when their senses differ.
        var perm = new int[3];
        var flip = new bool[3];
        for (var j = 0; j < 3; j++)
        {
            perm[j] = Array.FindIndex(source, a => a.WorldAxis == target[j].WorldAxis);
            flip[j] = source[perm[j]].Sign != target[j].Sign;
        }
        var oldShape = new[] { volume.Nx, volume.Ny, volume.Nz };
        var shape = volume.Shape.ToArray();
        var zooms = volume.Zooms.ToArray();
        for (var j = 0; j < 3; j++)
        {
            shape[j] = oldShape[perm[j]];
            zooms[j] = volume.Zooms[perm[j]];
        }

        // Old voxel index o = M · new index n: column j is ±e_perm[j], translation (n-1) where flipped.
        var m = new double[16];
        m[15] = 1;
        for (var j = 0; j < 3; j++)
        {
            m[perm[j] * 4 + j] = flip[j] ? -1 : 1;
            if (flip[j]) m[perm[j] * 4 + 3] = oldShape[perm[j]] - 1;
        }
        var result = new Volume(shape, volume.Affine * new Affine(m), volume.DataType, zooms, volume.Metadata, clear: false);

        // Strides of the old buffer along each new axis, and the old index of new voxel (0,0,0).
        long[] oldStride = [1, volume.Nx, (long)volume.Nx * volume.Ny];
        var step = new long[3];
        long origin = 0;
        for (var j = 0; j < 3; j++)
        {
            step[j] = flip[j] ? -oldStride[perm[j]] : oldStride[perm[j]];
            if (flip[j]) origin += (oldShape[perm[j]] - 1) * oldStride[perm[j]];
        }
        int nx = shape[0], ny = shape[1], nz = shape[2];
        var spatial = volume.SpatialCount;
        var src = volume.Memory;
        var dst = result.Memory;
        for (var t = 0; t < volume.Frames; t++)
        {
            var frameOffset = (long)t * spatial;
            Parallel.For(0, nz, z =>
            {
                var s = src.Span;
                var d = dst.Span;
                for (var y = 0; y < ny; y++)
                {
                    var o = frameOffset + origin + y * step[1] + z * step[2];
                    var row = d.Slice((int)(frameOffset + (long)nx * (y + (long)ny * z)), nx);
                    if (step[0] == 1) s.Slice((int)o, nx).CopyTo(row);
                    else for (var x = 0; x < nx; x++, o += step[0]) row[x] = s[(int)o];
                }
            });
        }
        return result;
    }
}

using System.Globalization;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// FSL FLIRT matrices (<c>flirt -omat</c>): four lines of four numbers mapping the source image's scaled-voxel
/// coordinates to the reference image's. FSL's scaled voxels are voxel indices times the voxel sizes (pixdim), with the
/// x index flipped (i → nx − 1 − i) when the image's voxel-to-world matrix has a positive determinant (FSL's
/// radiological convention). In world terms the matrix is A_ref · S_ref⁻¹ · M · S_src · A_src⁻¹ (source point →
/// reference point); as a chain step (reference point → moving point) we use its inverse.
/// </summary>
public static class FslMatrixFile
{
    /// <summary>True when the bytes look like FLIRT's text matrix (only numbers and whitespace).</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return false;
        foreach (var b in bytes)
            if (!(b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'.' or (byte)'-' or (byte)'+' or (byte)'e' or (byte)'E'
                  || b is >= (byte)'0' and <= (byte)'9'))
                return false;
        return true;
    }

    /// <summary>The 4×4 matrix as written.</summary>
    /// <exception cref="InvalidInputException">Not 4 rows of 4 numbers ending in 0 0 0 1.</exception>
    public static Affine ReadMatrix(string text, string file)
    {
        var name = Path.GetFileName(file);
        var rows = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (rows.Length != 4) throw new InvalidInputException($"{name}: {rows.Length} lines of numbers; an FSL FLIRT matrix has 4 lines of 4");
        var v = new double[16];
        for (var r = 0; r < 4; r++)
        {
            var parts = rows[r].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4) throw new InvalidInputException($"{name}: line {r + 1}: {parts.Length} numbers; expected 4");
            for (var c = 0; c < 4; c++)
                if (!double.TryParse(parts[c], NumberStyles.Float, CultureInfo.InvariantCulture, out v[r * 4 + c]) || !double.IsFinite(v[r * 4 + c]))
                    throw new InvalidInputException($"{name}: line {r + 1}: '{parts[c]}' is not a finite number");
        }
        if (v[12] != 0 || v[13] != 0 || v[14] != 0 || v[15] != 1)
            throw new InvalidInputException($"{name}: line 4: expected '0 0 0 1', got '{rows[3]}'");
        var m = new Affine(v);
        if (!m.IsInvertible) throw new InvalidInputException($"{name}: the matrix is singular");
        return m;
    }

    /// <summary>The chain step (reference world point → source world point) of a FLIRT matrix computed with
    /// <c>flirt -in SOURCE -ref REFERENCE</c>.</summary>
    public static LinearTransform ToTransform(Affine flirt, FslMatrixImages images)
    {
        var sourceToReference = images.Reference.Affine * ScaledVoxels(images.Reference).Inverse("FSL reference grid")
            * flirt * ScaledVoxels(images.Source) * images.Source.Affine.Inverse("FSL source grid");
        return new LinearTransform(sourceToReference.Inverse("FSL matrix"));
    }

    /// <summary>The FLIRT matrix of a chain step between these images (the inverse of <see cref="ToTransform"/>).</summary>
    public static Affine FromTransform(LinearTransform step, FslMatrixImages images) =>
        ScaledVoxels(images.Reference) * images.Reference.Affine.Inverse("FSL reference grid") * step.Inverse().Matrix
        * images.Source.Affine * ScaledVoxels(images.Source).Inverse("FSL source grid");

    /// <summary>Voxel index → FSL scaled-voxel coordinates.</summary>
    public static Affine ScaledVoxels(ImageGrid grid)
    {
        var (zx, zy, zz) = grid.Zooms;
        return grid.Affine.Determinant3 > 0
            ? new Affine([-zx, 0, 0, (grid.Nx - 1) * zx, 0, zy, 0, 0, 0, 0, zz, 0, 0, 0, 0, 1])
            : Affine.Scaling(zx, zy, zz);
    }
}

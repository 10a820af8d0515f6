namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Binary morphology as scipy.ndimage with its default structure (the 6-connected cross) and border value 0:
/// dilation repeated n times, and the border (dilated minus original).
/// </summary>
public static class Morphology
{
    /// <summary>Dilates a mask (non-zero = inside) <paramref name="iterations"/> times with the 6-connected cross.</summary>
    public static byte[] Dilate(ReadOnlySpan<byte> mask, (int X, int Y, int Z) shape, int iterations = 1)
    {
        if (iterations < 0) throw new InvalidInputException($"dilation: iterations {iterations} must be 0 or more");
        CheckShape(mask.Length, shape);
        var current = new byte[mask.Length];
        for (var i = 0; i < mask.Length; i++) current[i] = mask[i] != 0 ? (byte)1 : (byte)0;
        var next = new byte[mask.Length];
        for (var it = 0; it < iterations; it++)
        {
            DilateOnce(current, next, shape);
            (current, next) = (next, current);
        }
        return current;
    }

    /// <summary>
    /// Erodes a mask (0/1) <paramref name="iterations"/> times as the dilation of its complement: voxels beyond the grid
    /// count as inside, so the grid's edge does not eat into the mask.
    /// </summary>
    public static byte[] Erode(ReadOnlySpan<byte> mask, (int X, int Y, int Z) shape, int iterations = 1)
    {
        var complement = new byte[mask.Length];
        for (var i = 0; i < mask.Length; i++) complement[i] = mask[i] != 0 ? (byte)0 : (byte)1;
        var grown = Dilate(complement, shape, iterations);
        for (var i = 0; i < grown.Length; i++) grown[i] ^= 1;
        return grown;
    }

    /// <summary>The voxels a dilation adds: dilated and not in the original.</summary>
    public static byte[] Border(ReadOnlySpan<byte> mask, (int X, int Y, int Z) shape, int iterations = 1)
    {
        var dilated = Dilate(mask, shape, iterations);
        for (var i = 0; i < dilated.Length; i++) if (mask[i] != 0) dilated[i] = 0;
        return dilated;
    }

    /// <summary>Dilation of a mask volume (non-zero = inside); the result is a uint8 0/1 volume on the same grid.</summary>
    public static Volume Dilate(Volume mask, int iterations = 1) =>
        BinaryMask.ToVolume(Dilate(BinaryMask.NonZero(mask.Frame(0)), mask.Shape3, iterations), mask);

    /// <summary>Border of a mask volume: dilated minus original, as a uint8 0/1 volume.</summary>
    public static Volume Border(Volume mask, int iterations = 1) =>
        BinaryMask.ToVolume(Border(BinaryMask.NonZero(mask.Frame(0)), mask.Shape3, iterations), mask);

    private static void DilateOnce(byte[] src, byte[] dst, (int X, int Y, int Z) s)
    {
        var nx = s.X;
        var plane = s.X * s.Y;
        src.CopyTo(dst, 0);
        // z neighbours: whole planes shifted.
        if (s.Z > 1)
        {
            BinaryMask.OrInto(dst.AsSpan(plane), src.AsSpan(0, src.Length - plane));
            BinaryMask.OrInto(dst.AsSpan(0, src.Length - plane), src.AsSpan(plane));
        }
        Parallel.For(0, s.Z, z =>
        {
            var start = z * plane;
            // y neighbours: rows shifted within the plane.
            if (s.Y > 1)
            {
                BinaryMask.OrInto(dst.AsSpan(start + nx, plane - nx), src.AsSpan(start, plane - nx));
                BinaryMask.OrInto(dst.AsSpan(start, plane - nx), src.AsSpan(start + nx, plane - nx));
            }
            // x neighbours: within each row, never across rows.
            if (nx > 1)
                for (var y = 0; y < s.Y; y++)
                {
                    var r = start + y * nx;
                    BinaryMask.OrInto(dst.AsSpan(r + 1, nx - 1), src.AsSpan(r, nx - 1));
                    BinaryMask.OrInto(dst.AsSpan(r, nx - 1), src.AsSpan(r + 1, nx - 1));
                }
        });
    }

    internal static void CheckShape(int length, (int X, int Y, int Z) shape)
    {
        if (shape.X < 1 || shape.Y < 1 || shape.Z < 1 || (long)shape.X * shape.Y * shape.Z != length)
            throw new ArgumentException($"mask of {length} voxels does not match shape {shape}");
    }
}

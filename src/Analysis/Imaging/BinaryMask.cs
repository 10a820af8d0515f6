using System.Numerics;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Binary masks as byte spans (1 inside, 0 outside) in the volume's x-fastest order.</summary>
public static class BinaryMask
{
    /// <summary>1 where data &gt; threshold.</summary>
    public static byte[] Threshold(ReadOnlySpan<float> data, float threshold)
    {
        var mask = new byte[data.Length];
        for (var i = 0; i < data.Length; i++) mask[i] = data[i] > threshold ? (byte)1 : (byte)0;
        return mask;
    }

    /// <summary>1 where data ≠ 0 (NaN counts as outside).</summary>
    public static byte[] NonZero(ReadOnlySpan<float> data)
    {
        var mask = new byte[data.Length];
        for (var i = 0; i < data.Length; i++) mask[i] = data[i] != 0 && !float.IsNaN(data[i]) ? (byte)1 : (byte)0;
        return mask;
    }

    /// <summary>A uint8 volume on <paramref name="grid"/>'s spatial grid holding the mask.</summary>
    public static Volume ToVolume(ReadOnlySpan<byte> mask, Volume grid)
    {
        var v = new Volume([grid.Nx, grid.Ny, grid.Nz], grid.Affine, VoxelType.UInt8, [grid.Zooms[0], grid.Zooms[1], grid.Zooms[2]]);
        var d = v.Data;
        for (var i = 0; i < mask.Length; i++) d[i] = mask[i];
        return v;
    }

    /// <summary>dst |= src, vectorised.</summary>
    internal static void OrInto(Span<byte> dst, ReadOnlySpan<byte> src)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<byte>.Count;
            for (; i <= dst.Length - w; i += w)
                (new Vector<byte>(dst[i..]) | new Vector<byte>(src[i..])).CopyTo(dst[i..]);
        }
        for (; i < dst.Length; i++) dst[i] |= src[i];
    }
}

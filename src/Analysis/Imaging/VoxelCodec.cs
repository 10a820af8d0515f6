using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Converts between on-disk voxel bytes (any <see cref="VoxelType"/>, either byte order) and float32,
/// applying NIfTI scaling on read. Streams are read in chunks straight into the destination buffer.
/// </summary>
internal static class VoxelCodec
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Reads exactly <c>dst.Length</c> voxels from <paramref name="stream"/>; never reads past them, so a
    /// compressed stream is inflated only as far as the image needs.
    /// </summary>
    public static void Read(Stream stream, VoxelType type, bool bigEndian, double slope, double inter,
        Span<float> dst, string file)
    {
        var size = type.Size();
        var total = (long)dst.Length * size;
        var scaled = slope != 1 || inter != 0;
        if (type == VoxelType.Float32 && !scaled)
        {
            // Straight into the typed buffer: no staging copy for float32 files.
            var bytes = MemoryMarshal.AsBytes(dst);
            var got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (got < bytes.Length) throw Truncated(file, got, total);
            if (bigEndian)
            {
                var ints = MemoryMarshal.Cast<float, int>(dst);
                BinaryPrimitives.ReverseEndianness(ints, ints);
            }
            return;
        }

        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var perChunk = ChunkBytes / size;
            long done = 0;
            for (var start = 0; start < dst.Length; start += perChunk)
            {
                var n = Math.Min(perChunk, dst.Length - start);
                var span = chunk.AsSpan(0, n * size);
                var got = stream.ReadAtLeast(span, span.Length, throwOnEndOfStream: false);
                if (got < span.Length) throw Truncated(file, done + got, total);
                done += got;
                Decode(span, type, bigEndian, slope, inter, dst.Slice(start, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static ImageFormatException Truncated(string file, long got, long total) =>
        new(file, "data", $"the file ends after {got} of the {total} voxel bytes the header describes (truncated)");

    /// <summary>Decodes raw voxel bytes into floats (the source span may be byte-swapped in place).</summary>
    public static void Decode(Span<byte> src, VoxelType type, bool bigEndian, double slope, double inter, Span<float> dst)
    {
        if (bigEndian && type.Size() > 1) Swap(src, type.Size());
        var scaled = slope != 1 || inter != 0;
        switch (type)
        {
            case VoxelType.UInt8 when !scaled: WidenBytes(src, dst); break;
            case VoxelType.Int16 when !scaled: WidenShorts(MemoryMarshal.Cast<byte, short>(src), dst); break;
            case VoxelType.Float32 when !scaled: MemoryMarshal.Cast<byte, float>(src).CopyTo(dst); break;
            case VoxelType.UInt8: Scale<byte>(src, slope, inter, dst); break;
            case VoxelType.Int8: Scale<sbyte>(src, slope, inter, dst); break;
            case VoxelType.Int16: Scale<short>(src, slope, inter, dst); break;
            case VoxelType.UInt16: Scale<ushort>(src, slope, inter, dst); break;
            case VoxelType.Int32: Scale<int>(src, slope, inter, dst); break;
            case VoxelType.UInt32: Scale<uint>(src, slope, inter, dst); break;
            case VoxelType.Int64: Scale<long>(src, slope, inter, dst); break;
            case VoxelType.UInt64: Scale<ulong>(src, slope, inter, dst); break;
            case VoxelType.Float32: Scale<float>(src, slope, inter, dst); break;
            case VoxelType.Float64: Scale<double>(src, slope, inter, dst); break;
            default: throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    /// <summary>Encodes floats as the given type: integers are rounded to nearest and clamped to the type's range, NaN becomes 0.</summary>
    public static void Encode(ReadOnlySpan<float> src, VoxelType type, bool bigEndian, Span<byte> dst)
    {
        switch (type)
        {
            case VoxelType.UInt8: EncodeInt<byte>(src, dst); break;
            case VoxelType.Int8: EncodeInt<sbyte>(src, dst); break;
            case VoxelType.Int16: EncodeInt<short>(src, dst); break;
            case VoxelType.UInt16: EncodeInt<ushort>(src, dst); break;
            case VoxelType.Int32: EncodeInt<int>(src, dst); break;
            case VoxelType.UInt32: EncodeInt<uint>(src, dst); break;
            case VoxelType.Int64: EncodeInt<long>(src, dst); break;
            case VoxelType.UInt64: EncodeInt<ulong>(src, dst); break;
            case VoxelType.Float32: src.CopyTo(MemoryMarshal.Cast<byte, float>(dst)); break;
            case VoxelType.Float64:
                var d = MemoryMarshal.Cast<byte, double>(dst);
                for (var i = 0; i < src.Length; i++) d[i] = src[i];
                break;
            default: throw new ArgumentOutOfRangeException(nameof(type));
        }
        if (bigEndian && type.Size() > 1) Swap(dst[..(src.Length * type.Size())], type.Size());
    }

    /// <summary>Writes floats to a stream as the given type, in chunks.</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> src, VoxelType type, bool bigEndian)
    {
        var size = type.Size();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var perChunk = ChunkBytes / size;
            for (var start = 0; start < src.Length; start += perChunk)
            {
                var n = Math.Min(perChunk, src.Length - start);
                var span = chunk.AsSpan(0, n * size);
                Encode(src.Slice(start, n), type, bigEndian, span);
                stream.Write(span);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static void Swap(Span<byte> bytes, int size)
    {
        switch (size)
        {
            case 2: { var s = MemoryMarshal.Cast<byte, short>(bytes); BinaryPrimitives.ReverseEndianness(s, s); break; }
            case 4: { var s = MemoryMarshal.Cast<byte, int>(bytes); BinaryPrimitives.ReverseEndianness(s, s); break; }
            case 8: { var s = MemoryMarshal.Cast<byte, long>(bytes); BinaryPrimitives.ReverseEndianness(s, s); break; }
        }
    }

    private static void Scale<T>(ReadOnlySpan<byte> src, double slope, double inter, Span<float> dst)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var s = MemoryMarshal.Cast<byte, T>(src);
        // nibabel computes raw * slope + inter in floating point; double keeps int32/int64 raw values exact.
        for (var i = 0; i < s.Length; i++) dst[i] = (float)(double.CreateTruncating(s[i]) * slope + inter);
    }

    private static void EncodeInt<T>(ReadOnlySpan<float> src, Span<byte> dst)
        where T : unmanaged, System.Numerics.INumberBase<T>, System.Numerics.IMinMaxValue<T>
    {
        var d = MemoryMarshal.Cast<byte, T>(dst);
        for (var i = 0; i < src.Length; i++)
        {
            var v = src[i];
            d[i] = float.IsNaN(v) ? T.Zero : T.CreateSaturating(Math.Round((double)v, MidpointRounding.ToEven));
        }
    }

    private static void WidenBytes(ReadOnlySpan<byte> src, Span<float> dst)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= src.Length - 32; i += 32)
            {
                var (lo, hi) = Vector256.Widen(Vector256.Create(src.Slice(i, 32)));
                var (a, b) = Vector256.Widen(lo);
                var (c, d) = Vector256.Widen(hi);
                Vector256.ConvertToSingle(a.AsInt32()).CopyTo(dst.Slice(i));
                Vector256.ConvertToSingle(b.AsInt32()).CopyTo(dst.Slice(i + 8));
                Vector256.ConvertToSingle(c.AsInt32()).CopyTo(dst.Slice(i + 16));
                Vector256.ConvertToSingle(d.AsInt32()).CopyTo(dst.Slice(i + 24));
            }
        }
        for (; i < src.Length; i++) dst[i] = src[i];
    }

    private static void WidenShorts(ReadOnlySpan<short> src, Span<float> dst)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= src.Length - 16; i += 16)
            {
                var (lo, hi) = Vector256.Widen(Vector256.Create(src.Slice(i, 16)));
                Vector256.ConvertToSingle(lo).CopyTo(dst.Slice(i));
                Vector256.ConvertToSingle(hi).CopyTo(dst.Slice(i + 8));
            }
        }
        for (; i < src.Length; i++) dst[i] = src[i];
    }
}

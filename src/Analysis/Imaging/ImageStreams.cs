using System.IO.Compression;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Opens image bytes, inflating gzip transparently (recognised by its magic, not the file name), and bounds
/// how many bytes the stream can possibly yield so a header cannot make us allocate more than the file holds.
/// </summary>
internal static class ImageStreams
{
    /// <summary>Deflate cannot expand more than about 1032:1; anything beyond is a lie in the header.</summary>
    private const long MaxDeflateRatio = 1032;

    public sealed record Opened(Stream Stream, long MaxBytes, bool Compressed) : IDisposable
    {
        public void Dispose() => Stream.Dispose();
    }

    public static Opened OpenFile(string path)
    {
        FileStream fs;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageFormatException(path, "file", "not found", ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new ImageFormatException(path, "file", $"cannot be opened ({ex.Message})", ex);
        }
        return Wrap(fs);
    }

    /// <summary>Wraps a seekable stream positioned at the start of the image bytes.</summary>
    public static Opened Wrap(Stream raw)
    {
        if (!raw.CanSeek) throw new ArgumentException("image streams must be seekable", nameof(raw));
        var start = raw.Position;
        var length = raw.Length - start;
        Span<byte> magic = stackalloc byte[2];
        var n = raw.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        raw.Position = start;
        if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            return new Opened(new GZipStream(raw, CompressionMode.Decompress, leaveOpen: false), length * MaxDeflateRatio + 1024, true);
        return new Opened(raw, length, false);
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes; returns how many were there.</summary>
    public static int ReadUpTo(Stream s, Span<byte> buffer) => s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    /// <summary>Skips forward by reading (compressed streams cannot seek).</summary>
    public static long Skip(Stream s, long count)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long skipped = 0;
        while (skipped < count)
        {
            var n = s.Read(scratch[..(int)Math.Min(scratch.Length, count - skipped)]);
            if (n == 0) break;
            skipped += n;
        }
        return skipped;
    }
}

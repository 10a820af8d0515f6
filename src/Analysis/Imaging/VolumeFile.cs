using System.IO.Compression;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// The one entry point for image files: <see cref="Read(string, VolumeReadOptions?)"/> recognises NIfTI-1,
/// NIfTI-2 (.nii, .nii.gz, .hdr/.img pairs) and MGH/MGZ by content; <see cref="Write"/> chooses the format
/// from the file name and writes atomically. Bad files raise <see cref="ImageFormatException"/> only.
/// </summary>
public static class VolumeFile
{
    /// <summary>The file names this class reads and writes.</summary>
    public const string SupportedExtensions = ".nii, .nii.gz, .hdr/.img (optionally .gz), .mgh, .mgz";

    public static Volume Read(string path, VolumeReadOptions? options = null)
    {
        options ??= VolumeReadOptions.Default;
        var kind = Classify(path);
        if (kind is PathKind.PairHeader or PathKind.PairImage)
        {
            var (hdr, img) = PairPaths(path);
            return Guard(hdr, () =>
            {
                using var src = ImageStreams.OpenFile(hdr);
                return ReadAny(src, hdr, options, () => ImageStreams.OpenFile(img));
            });
        }
        return Guard(path, () =>
        {
            using var src = ImageStreams.OpenFile(path);
            return ReadAny(src, path, options, null);
        });
    }

    /// <summary>Reads a single-file image (NIfTI .nii or MGH, gzipped or not) from a seekable stream; <paramref name="name"/> is used in errors.</summary>
    public static Volume Read(Stream stream, string name, VolumeReadOptions? options = null)
    {
        options ??= VolumeReadOptions.Default;
        return Guard(name, () =>
        {
            var src = ImageStreams.Wrap(stream);
            return ReadAny(src, name, options, null);
        });
    }

    /// <summary>
    /// Writes <paramref name="volume"/> to <paramref name="path"/>: NIfTI-1 for .nii/.nii.gz/.hdr/.img (NIfTI-2 when
    /// asked, when the source was NIfTI-2 or a dimension exceeds NIfTI-1's range), MGH for .mgh/.mgz; gzip for .gz
    /// and .mgz. <paramref name="dataType"/> defaults to the volume's on-disk type.
    /// </summary>
    public static void Write(Volume volume, string path, VoxelType? dataType = null, ImageFormat? format = null)
    {
        var type = dataType ?? volume.DataType;
        var kind = Classify(path);
        if (kind == PathKind.Unknown)
            throw new InvalidInputException($"{Path.GetFileName(path)}: unknown image file extension; expected one of {SupportedExtensions}");
        var gz = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mgz", StringComparison.OrdinalIgnoreCase);
        if (kind == PathKind.Mgh)
        {
            if (format is ImageFormat.Nifti1 or ImageFormat.Nifti2)
                throw new InvalidInputException($"{Path.GetFileName(path)}: an .mgh/.mgz name cannot hold {format}");
            var header = MghWriter.BuildHeader(volume, type, path);
            var footer = MghWriter.BuildFooter(volume);
            AtomicFile.Write(path, s => WriteParts(s, gz, header, volume, type, bigEndian: true, footer));
            return;
        }
        if (format == ImageFormat.Mgh)
            throw new InvalidInputException($"{Path.GetFileName(path)}: a NIfTI file name cannot hold MGH; use .mgh or .mgz");
        var needsV2 = volume.Shape.Any(d => d > short.MaxValue);
        if (needsV2 && format == ImageFormat.Nifti1)
            throw new InvalidInputException($"{Path.GetFileName(path)}: shape [{string.Join(", ", volume.Shape)}] exceeds NIfTI-1's 32767 per dimension; write NIfTI-2");
        var version = format == ImageFormat.Nifti2 || needsV2 || (format is null && volume.Metadata.SourceFormat == ImageFormat.Nifti2) ? 2 : 1;
        var ext = NiftiWriter.SerializeExtensions(volume.Metadata.Extensions);
        if (kind == PathKind.Nifti)
        {
            var h = NiftiWriter.BuildHeader(volume, type, version, single: true, ext.Length - 4).Serialize();
            AtomicFile.Write(path, s => WriteParts(s, gz, [.. h, .. ext], volume, type, bigEndian: false, []));
            return;
        }
        var (hdrPath, imgPath) = PairPaths(path, existing: false);
        var pairHeader = NiftiWriter.BuildHeader(volume, type, version, single: false, ext.Length - 4).Serialize();
        AtomicFile.WriteAll([
            (imgPath, s => WriteParts(s, imgPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase), [], volume, type, false, [])),
            (hdrPath, s => WriteParts(s, hdrPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase), [.. pairHeader, .. ext], volume, type, false, [])),
        ]);
    }

    /// <summary>The format a file name implies, or null when the name is not an image name.</summary>
    public static ImageFormat? FormatForPath(string path) => Classify(path) switch
    {
        PathKind.Mgh => ImageFormat.Mgh,
        PathKind.Unknown => null,
        _ => ImageFormat.Nifti1,
    };

    private static void WriteParts(Stream s, bool gz, byte[] header, Volume volume, VoxelType type, bool bigEndian, byte[] footer)
    {
        using var target = gz ? new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true) : null;
        var o = (Stream?)target ?? s;
        o.Write(header);
        VoxelCodec.Write(o, volume.Data, type, bigEndian);
        o.Write(footer);
    }

    private static Volume ReadAny(ImageStreams.Opened src, string file, VolumeReadOptions options, Func<ImageStreams.Opened>? openImage)
    {
        Span<byte> first = stackalloc byte[4];
        var n = ImageStreams.ReadUpTo(src.Stream, first);
        if (n < 4) throw new ImageFormatException(file, "header", $"the file has only {n} bytes; not a NIfTI or MGH image");
        // Put the four bytes back: compressed streams cannot seek, so re-read through a prefix.
        var stream = new PrefixStream(first.ToArray(), src.Stream);
        var rewound = src with { Stream = stream };
        if (NiftiHeader.Detect(first) is { } nifti)
            return NiftiReader.Read(rewound, nifti.Version, nifti.BigEndian, file, openImage, options);
        if (openImage is null && MghReader.Detect(first))
            return MghReader.Read(rewound, file, options);
        throw new ImageFormatException(file, "sizeof_hdr",
            $"{SizeOfHeaderText(first)} neither 348 (NIfTI-1) nor 540 (NIfTI-2) in either byte order, and the file is not MGH version 1: not a NIfTI or MGH image");
    }

    /// <summary>Header sizes up to this are shown in the message: a near miss (347, 352) explains itself.</summary>
    private const int LargestPlausibleHeaderSize = 1024;

    /// <summary>
    /// The first four bytes as a header size when they could be one; otherwise they are not quoted, because for a file
    /// that is not an image they are its content (four characters of a text file, say) and messages must not leak that.
    /// </summary>
    private static string SizeOfHeaderText(ReadOnlySpan<byte> first4)
    {
        var little = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(first4);
        var big = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(first4);
        int? plausible = little is > 0 and <= LargestPlausibleHeaderSize ? little : big is > 0 and <= LargestPlausibleHeaderSize ? big : null;
        return plausible is { } size ? $"{size} is" : "the first 4 bytes are";
    }

    /// <summary>Every failure while reading a file becomes an <see cref="ImageFormatException"/> naming it.</summary>
    private static Volume Guard(string file, Func<Volume> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException ex)
        {
            throw new ImageFormatException(file, "gzip", $"corrupt compressed data ({ex.Message})", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new ImageFormatException(file, "data", "the file ends early (truncated)", ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new ImageFormatException(file, "file", $"read failed ({ex.Message})", ex);
        }
    }

    /// <summary>The files an image at <paramref name="path"/> is made of: the .hdr/.img pair for Analyze-style NIfTI, else the file itself.</summary>
    public static IReadOnlyList<string> SourceFiles(string path)
    {
        if (Classify(path) is not (PathKind.PairHeader or PathKind.PairImage)) return [path];
        var (hdr, img) = PairPaths(path);
        return [hdr, img];
    }

    private enum PathKind { Nifti, PairHeader, PairImage, Mgh, Unknown }

    private static PathKind Classify(string path)
    {
        var p = path.ToLowerInvariant();
        if (p.EndsWith(".gz")) p = p[..^3];
        return Path.GetExtension(p) switch
        {
            ".nii" => PathKind.Nifti,
            ".hdr" => PathKind.PairHeader,
            ".img" => PathKind.PairImage,
            ".mgh" or ".mgz" => PathKind.Mgh,
            _ => PathKind.Unknown,
        };
    }

    /// <summary>
    /// For x.hdr(.gz) or x.img(.gz): the two file names. The partner keeps the given name's .gz unless only the
    /// other spelling exists (x.hdr with x.img.gz is a valid pair).
    /// </summary>
    private static (string Hdr, string Img) PairPaths(string path, bool existing = true)
    {
        var gz = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[^3..] : "";
        var stem = path[..^(gz.Length + 4)];
        var isUpper = path[^(gz.Length + 3)..^gz.Length].Any(char.IsUpper);
        var (h, i) = isUpper ? (".HDR", ".IMG") : (".hdr", ".img");
        var hdr = stem + h + gz;
        var img = stem + i + gz;
        var givenIsHeader = path.EndsWith(h + gz, StringComparison.Ordinal);
        var partner = givenIsHeader ? img : hdr;
        if (existing && !File.Exists(partner))
        {
            var other = gz.Length > 0 ? partner[..^3] : partner + ".gz";
            if (File.Exists(other)) partner = other;
        }
        return givenIsHeader ? (path, partner) : (partner, path);
    }
}

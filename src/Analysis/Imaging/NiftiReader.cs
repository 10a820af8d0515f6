using System.Buffers.Binary;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Reads NIfTI-1 and NIfTI-2 (single .nii, gzipped or not, and .hdr/.img pairs) as nibabel 5 does:
/// shape from dim, zooms from pixdim (spatial zeros → 1, negatives → abs), affine from sform when
/// sform_code ≠ 0, else qform when qform_code ≠ 0, else the pixdim fall-back; scl_slope/scl_inter applied
/// unless the slope is 0 or not finite. Every field is checked before anything is allocated.
/// </summary>
internal static class NiftiReader
{
    /// <summary>Extensions larger than this are refused (they would only hold junk or an attack).</summary>
    private const long MaxExtensionBytes = 64L << 20;

    internal sealed record Layout(int[] Shape, double[] Zooms, VoxelType Type, Affine Affine, long DataOffset,
        double Slope, double Inter, long VoxelCount);

    /// <summary>Reads the header (and extensions) from <paramref name="src"/>, then the voxels from the same stream
    /// or, for a pair, from <paramref name="openImage"/>.</summary>
    public static Volume Read(ImageStreams.Opened src, int version, bool bigEndian, string file,
        Func<ImageStreams.Opened>? openImage, VolumeReadOptions options)
    {
        var size = version == 1 ? NiftiHeader.Nifti1Size : NiftiHeader.Nifti2Size;
        var bytes = new byte[size];
        var got = ImageStreams.ReadUpTo(src.Stream, bytes);
        if (got < size)
            throw new ImageFormatException(file, "header", $"the file ends after {got} bytes; a NIfTI-{version} header has {size}");
        var h = NiftiHeader.Parse(bytes, version, bigEndian);
        var layout = Interpret(h, file, options, pair: openImage is not null);

        List<NiftiExtension> extensions;
        if (openImage is null)
        {
            var extBytes = layout.DataOffset - size;
            if (layout.DataOffset + layout.VoxelCount * layout.Type.Size() > src.MaxBytes)
                throw TooShort(file, layout, src);
            var ext = new byte[extBytes];
            var n = ImageStreams.ReadUpTo(src.Stream, ext);
            if (n < extBytes)
                throw new ImageFormatException(file, "vox_offset", $"the file ends after {size + n} bytes, before the voxel data at {layout.DataOffset}");
            extensions = ParseExtensions(ext, bigEndian, file);
            return ReadVoxels(src, h, layout, extensions, file);
        }

        // A pair: extensions run to the end of the .hdr; voxels start at vox_offset in the .img.
        using (var rest = new MemoryStream())
        {
            var buffer = new byte[81920];
            int n;
            while ((n = src.Stream.Read(buffer)) > 0)
            {
                rest.Write(buffer, 0, n);
                if (rest.Length > MaxExtensionBytes)
                    throw new ImageFormatException(file, "extension", $"more than {MaxExtensionBytes} bytes of extensions after the header");
            }
            extensions = ParseExtensions(rest.ToArray(), bigEndian, file);
        }
        using var img = openImage();
        if (layout.DataOffset + layout.VoxelCount * layout.Type.Size() > img.MaxBytes)
            throw TooShort(file, layout, img);
        if (ImageStreams.Skip(img.Stream, layout.DataOffset) < layout.DataOffset)
            throw new ImageFormatException(file, "vox_offset", $"the image file ends before the voxel data at {layout.DataOffset}");
        return ReadVoxels(img, h, layout, extensions, file);
    }

    private static ImageFormatException TooShort(string file, Layout layout, ImageStreams.Opened src)
    {
        var need = layout.VoxelCount * layout.Type.Size();
        var shape = string.Join("×", layout.Shape);
        return src.Compressed
            ? new ImageFormatException(file, "dim", $"shape {shape} of {layout.Type.Name()} needs {need} bytes from offset {layout.DataOffset}, more than a compressed file of this size can hold (truncated or inconsistent)")
            : new ImageFormatException(file, "dim", $"shape {shape} of {layout.Type.Name()} needs {need} bytes from offset {layout.DataOffset}, but the file has {src.MaxBytes} bytes (truncated or inconsistent with the file size)");
    }

    private static Volume ReadVoxels(ImageStreams.Opened src, NiftiHeader h, Layout layout,
        List<NiftiExtension> extensions, string file)
    {
        var metadata = new VolumeMetadata
        {
            SourceFormat = h.Version == 1 ? ImageFormat.Nifti1 : ImageFormat.Nifti2,
            SourceBigEndian = h.BigEndian,
            Extensions = extensions,
            Description = h.Descrip,
            IntentCode = h.IntentCode,
            IntentName = h.IntentName,
            XyztUnits = h.XyztUnits,
            DimInfo = h.DimInfo,
            QformCode = h.QformCode,
            SformCode = h.SformCode,
            ScaleSlope = layout.Slope,
            ScaleIntercept = layout.Inter,
        };
        var volume = new Volume(layout.Shape, layout.Affine, layout.Type, layout.Zooms, metadata, clear: false);
        try
        {
            VoxelCodec.Read(src.Stream, layout.Type, h.BigEndian, layout.Slope, layout.Inter, volume.Data, file);
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    internal static Layout Interpret(NiftiHeader h, string file, VolumeReadOptions options, bool pair)
    {
        var v = h.Version;
        var expectedMagic = pair ? $"ni{v}" : $"n+{v}";
        if (h.Magic != expectedMagic)
        {
            var other = pair ? $"n+{v}" : $"ni{v}";
            throw new ImageFormatException(file, "magic", h.Magic == other
                ? $"'{h.Magic}' says {(pair ? "the data are inside this file, but it was read as a .hdr/.img pair" : "the data are in a separate .img file; open the .hdr")}"
                : $"expected '{expectedMagic}' for NIfTI-{v}, found {MagicText(h.Magic)} (Analyze 7.5 and unknown files are not supported)");
        }
        if (v == 2 && h.Nifti2Eol != 0 && h.Nifti2Eol != 0x0A1A0A0Du)
            throw new ImageFormatException(file, "magic", "the NIfTI-2 magic does not end in \\r\\n\\x1a\\n (the file was transferred in text mode or is corrupt)");

        var ndim = h.Dim[0];
        if (ndim is < 1 or > 7)
            throw new ImageFormatException(file, "dim[0]", $"{ndim} dimensions; expected 1 to 7");
        var rank = (int)Math.Max(3, ndim);
        var shape = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            long d = i < ndim ? h.Dim[i + 1] : 1;
            if (d < 1)
                throw new ImageFormatException(file, $"dim[{i + 1}]", $"{d}; every dimension must be at least 1");
            if (d > int.MaxValue)
                throw new ImageFormatException(file, $"dim[{i + 1}]", $"{d} is larger than {int.MaxValue}");
            shape[i] = (int)d;
            count *= d;
            if (count > options.MaxVoxels)
                throw new ImageFormatException(file, "dim", $"shape [{string.Join(", ", h.Dim.Skip(1).Take((int)ndim))}] has more voxels than the limit of {options.MaxVoxels}");
        }

        var type = VoxelTypes.FromNiftiCode(h.Datatype)
            ?? throw new ImageFormatException(file, "datatype", $"code {h.Datatype} ({VoxelTypes.NiftiCodeName(h.Datatype)}) is not supported; expected an integer or float32/float64 type");

        var minOffset = pair ? 0 : h.Size + 4;
        var offset = h.VoxOffset;
        if (!double.IsFinite(offset) || offset < 0)
            throw new ImageFormatException(file, "vox_offset", $"{offset} is not a valid byte offset");
        if (!pair && offset == 0) offset = minOffset;
        if (offset < minOffset)
            throw new ImageFormatException(file, "vox_offset", $"{offset} is inside the header; a single-file NIfTI-{v} needs at least {minOffset}");
        if (offset - h.Size > MaxExtensionBytes)
            throw new ImageFormatException(file, "vox_offset", $"{offset} leaves more than {MaxExtensionBytes} bytes between header and data");

        // nibabel's fixes: spatial pixdims of 0 become 1, negative ones their absolute value.
        var pixdim = (double[])h.Pixdim.Clone();
        for (var i = 1; i <= 3; i++)
        {
            if (pixdim[i] == 0) pixdim[i] = 1;
            else if (pixdim[i] < 0) pixdim[i] = -pixdim[i];
        }
        var zooms = new double[rank];
        for (var i = 0; i < rank; i++) zooms[i] = i < ndim ? pixdim[i + 1] : 1;

        double slope = 1, inter = 0;
        if (h.SclSlope != 0 && double.IsFinite(h.SclSlope))
        {
            if (!double.IsFinite(h.SclInter))
                throw new ImageFormatException(file, "scl_inter", $"{h.SclInter} with a valid scl_slope {h.SclSlope}; expected a finite intercept");
            slope = h.SclSlope;
            inter = h.SclInter;
        }

        Affine affine;
        if (h.SformCode != 0) affine = new Affine([.. h.Srow, 0, 0, 0, 1]);
        else if (h.QformCode != 0) affine = Qform(h, pixdim, file);
        else
        {
            // nibabel's fall-back: voxel sizes on the diagonal, x flipped, origin at the centre.
            var (nx, ny, nz) = (shape[0], shape[1], shape[2]);
            var (zx, zy, zz) = (-pixdim[1], pixdim[2], pixdim[3]);
            affine = new Affine([zx, 0, 0, -(nx - 1) / 2.0 * zx, 0, zy, 0, -(ny - 1) / 2.0 * zy, 0, 0, zz, -(nz - 1) / 2.0 * zz, 0, 0, 0, 1]);
        }
        return new Layout(shape, zooms, type, affine, (long)offset, slope, inter, count);
    }

    /// <summary>The qform affine from the quaternion, pixdim and qfac (pixdim[0]; anything but -1 counts as 1).</summary>
    private static Affine Qform(NiftiHeader h, double[] pixdim, string file)
    {
        double b = h.QuaternB, c = h.QuaternC, d = h.QuaternD;
        var w2 = 1.0 - (b * b + c * c + d * d);
        // nibabel tolerates tiny negative w² from rounding: three machine epsilons of the header's float type.
        var threshold = -3 * (h.Version == 1 ? 1.1920929e-7 : 2.220446049250313e-16);
        double a;
        if (w2 < 0)
        {
            if (w2 < threshold || !double.IsFinite(w2))
                throw new ImageFormatException(file, "quatern_b/c/d", $"({b}, {c}, {d}) is not a unit quaternion's vector part (b²+c²+d² > 1)");
            a = 0;
        }
        else a = Math.Sqrt(w2);
        var r = Quaternion.ToMatrix(a, b, c, d);
        var qfac = h.Pixdim[0] == -1 ? -1.0 : 1.0;
        double sx = pixdim[1], sy = pixdim[2], sz = pixdim[3] * qfac;
        return new Affine([
            r[0] * sx, r[1] * sy, r[2] * sz, h.QoffsetX,
            r[3] * sx, r[4] * sy, r[5] * sz, h.QoffsetY,
            r[6] * sx, r[7] * sy, r[8] * sz, h.QoffsetZ,
            0, 0, 0, 1]);
    }

    internal static List<NiftiExtension> ParseExtensions(byte[] region, bool bigEndian, string file)
    {
        var list = new List<NiftiExtension>();
        if (region.Length < 4 || region[0] == 0) return list;
        var pos = 4;
        while (pos + 8 <= region.Length)
        {
            var esize = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(region.AsSpan(pos)) : BinaryPrimitives.ReadInt32LittleEndian(region.AsSpan(pos));
            var ecode = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(region.AsSpan(pos + 4)) : BinaryPrimitives.ReadInt32LittleEndian(region.AsSpan(pos + 4));
            if (esize < 8 || esize > region.Length - pos)
                throw new ImageFormatException(file, "extension", $"esize {esize} at byte {pos} of the extension area is outside 8..{region.Length - pos}");
            list.Add(new NiftiExtension(ecode, region.AsSpan(pos + 8, esize - 8).ToArray()));
            pos += esize;
        }
        return list;
    }

    /// <summary>Only the magics a reader knows are quoted; anything else is the file's own bytes, which messages do not echo.</summary>
    private static string MagicText(string magic) =>
        magic is "n+1" or "ni1" or "n+2" or "ni2" ? $"'{magic}'"
        : magic.All(c => c == '\0') ? "none (an Analyze 7.5 header?)"
        : "another value";
}

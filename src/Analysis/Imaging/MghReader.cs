using System.Buffers.Binary;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Reads FreeSurfer MGH/MGZ (big-endian, 284-byte header, optional footer with TR, flip angle, TE, TI, FoV)
/// as nibabel does: affine from voxel sizes, direction cosines and the centre RAS (default LIA when
/// goodRASFlag is 0); shape 3-D, or 4-D when there is more than one frame.
/// </summary>
internal static class MghReader
{
    public const int HeaderSize = 284;
    private const int FooterSize = 20;

    /// <summary>True when the first four bytes are MGH version 1.</summary>
    public static bool Detect(ReadOnlySpan<byte> first4) => BinaryPrimitives.ReadInt32BigEndian(first4) == 1;

    public static Volume Read(ImageStreams.Opened src, string file, VolumeReadOptions options)
    {
        var b = new byte[HeaderSize];
        var got = ImageStreams.ReadUpTo(src.Stream, b);
        if (got < HeaderSize)
            throw new ImageFormatException(file, "header", $"the file ends after {got} bytes; an MGH header has {HeaderSize}");
        var version = I32(b, 0);
        if (version != 1) throw new ImageFormatException(file, "version", $"{version}; expected 1");

        var dims = new int[4];
        long count = 1;
        for (var i = 0; i < 4; i++)
        {
            dims[i] = I32(b, 4 + 4 * i);
            if (dims[i] < 1) throw new ImageFormatException(file, $"dims[{i}]", $"{dims[i]}; every dimension must be at least 1");
            count *= dims[i];
            if (count > options.MaxVoxels)
                throw new ImageFormatException(file, "dims", $"[{string.Join(", ", dims.Take(i + 1))}...] has more voxels than the limit of {options.MaxVoxels}");
        }
        var typeCode = I32(b, 20);
        var type = VoxelTypes.FromMghCode(typeCode)
            ?? throw new ImageFormatException(file, "type", $"code {typeCode} is not an MGH voxel type; expected 0 (uchar), 1 (int), 3 (float) or 4 (short)");
        var dof = I32(b, 24);
        var goodRas = BinaryPrimitives.ReadInt16BigEndian(b.AsSpan(28));
        var delta = new double[3];
        var mdc = new double[9];
        var c = new double[3];
        if (goodRas != 0)
        {
            for (var i = 0; i < 3; i++) delta[i] = F32(b, 30 + 4 * i);
            for (var i = 0; i < 9; i++) mdc[i] = F32(b, 42 + 4 * i);
            for (var i = 0; i < 3; i++) c[i] = F32(b, 78 + 4 * i);
        }
        else
        {
            // nibabel's default for an unset orientation: 1 mm LIA centred at the origin.
            delta = [1, 1, 1];
            mdc = [-1, 0, 0, 0, 0, -1, 0, 1, 0];
        }

        var need = count * type.Size();
        if (HeaderSize + need > src.MaxBytes)
            throw new ImageFormatException(file, "dims", src.Compressed
                ? $"[{string.Join(", ", dims)}] of {type.Name()} needs {need} bytes, more than a compressed file of this size can hold (truncated or inconsistent)"
                : $"[{string.Join(", ", dims)}] of {type.Name()} needs {need} bytes after the header, but the file has {src.MaxBytes} bytes (truncated or inconsistent with the file size)");

        // Stored Mdc rows are the direction cosines of the x, y, z voxel axes: affine column j = Mdc[j] · delta[j].
        var lin = new double[9];
        for (var r = 0; r < 3; r++)
            for (var j = 0; j < 3; j++) lin[r * 3 + j] = mdc[j * 3 + r] * delta[j];
        var t = new double[3];
        for (var r = 0; r < 3; r++)
            t[r] = c[r] - (lin[r * 3] * dims[0] + lin[r * 3 + 1] * dims[1] + lin[r * 3 + 2] * dims[2]) / 2.0;
        var affine = new Affine([lin[0], lin[1], lin[2], t[0], lin[3], lin[4], lin[5], t[1], lin[6], lin[7], lin[8], t[2], 0, 0, 0, 1]);

        int[] shape = dims[3] > 1 ? dims : dims[..3];
        double[] zooms = dims[3] > 1 ? [delta[0], delta[1], delta[2], 0] : delta;
        var volume = new Volume(shape, affine, type, zooms, null, clear: false);
        try
        {
            VoxelCodec.Read(src.Stream, type, bigEndian: true, 1, 0, volume.Data, file);
            // The footer is optional; a short one reads as zeros, as in nibabel.
            var footer = new byte[FooterSize];
            ImageStreams.ReadUpTo(src.Stream, footer);
            var tr = F32(footer, 0);
            if (dims[3] > 1) volume.SetZoom(3, tr);
            volume.Metadata = new VolumeMetadata
            {
                SourceFormat = ImageFormat.Mgh,
                SourceBigEndian = true,
                MghTr = tr,
                MghFlipAngle = F32(footer, 4),
                MghTe = F32(footer, 8),
                MghTi = F32(footer, 12),
                MghFov = F32(footer, 16),
                MghDof = dof,
            };
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    private static int I32(byte[] b, int o) => BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(o));

    private static float F32(byte[] b, int o) => BinaryPrimitives.ReadSingleBigEndian(b.AsSpan(o));
}

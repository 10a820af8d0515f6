using System.Buffers.Binary;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Writes MGH/MGZ: voxel sizes, direction cosines and centre RAS from the affine; footer from metadata.</summary>
internal static class MghWriter
{
    public static byte[] BuildHeader(Volume volume, VoxelType type, string path)
    {
        var code = type.MghCode()
            ?? throw new InvalidInputException($"{Path.GetFileName(path)}: dtype: MGH stores only uint8, int16, int32 and float32, not {type.Name()}");
        var b = new byte[MghReader.HeaderSize];
        var span = b.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], volume.Nx);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], volume.Ny);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], volume.Nz);
        BinaryPrimitives.WriteInt32BigEndian(span[16..], volume.Frames);
        BinaryPrimitives.WriteInt32BigEndian(span[20..], code);
        BinaryPrimitives.WriteInt32BigEndian(span[24..], volume.Metadata.MghDof);
        BinaryPrimitives.WriteInt16BigEndian(span[28..], 1);
        var a = volume.Affine;
        var (zx, zy, zz) = a.ColumnNorms;
        // MGH keeps voxel sizes apart from the (not necessarily unit) direction cosines: prefer the volume's zooms.
        double[] delta = [Pick(volume.Zooms[0], zx), Pick(volume.Zooms[1], zy), Pick(volume.Zooms[2], zz)];
        for (var j = 0; j < 3; j++)
        {
            BinaryPrimitives.WriteSingleBigEndian(span[(30 + 4 * j)..], (float)delta[j]);
            for (var r = 0; r < 3; r++)
            {
                var cosine = delta[j] > 0 ? a[r, j] / delta[j] : 0;
                BinaryPrimitives.WriteSingleBigEndian(span[(42 + 12 * j + 4 * r)..], (float)cosine);
            }
        }
        // Centre RAS: the world position of voxel (dims / 2), as nibabel and FreeSurfer define it.
        var (cx, cy, cz) = a.Apply(volume.Nx / 2.0, volume.Ny / 2.0, volume.Nz / 2.0);
        BinaryPrimitives.WriteSingleBigEndian(span[78..], (float)cx);
        BinaryPrimitives.WriteSingleBigEndian(span[82..], (float)cy);
        BinaryPrimitives.WriteSingleBigEndian(span[86..], (float)cz);
        return b;
    }

    private static double Pick(double zoom, double norm) => zoom > 0 && double.IsFinite(zoom) ? zoom : norm;

    public static byte[] BuildFooter(Volume volume)
    {
        var m = volume.Metadata;
        var tr = volume.Rank > 3 ? (float)volume.Zooms[3] : m.MghTr;
        var b = new byte[20];
        BinaryPrimitives.WriteSingleBigEndian(b, tr);
        BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(4), m.MghFlipAngle);
        BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(8), m.MghTe);
        BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(12), m.MghTi);
        BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(16), m.MghFov);
        return b;
    }
}

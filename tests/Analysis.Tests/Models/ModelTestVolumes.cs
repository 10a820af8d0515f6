using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>Real volumes and blocks of them for the modelling tests.</summary>
internal static class ModelTestVolumes
{
    public static Volume Ixi(string name = "IXI013-HH-1212-T1__brain.nii.gz") => VolumeFile.Read(TestData.File("ixi", name));

    /// <summary>The block of <paramref name="size"/> voxels starting at <paramref name="origin"/>, with its own affine.</summary>
    public static Volume Block(Volume v, (int X, int Y, int Z) origin, (int X, int Y, int Z) size)
    {
        var data = new float[size.X * size.Y * size.Z];
        for (var z = 0; z < size.Z; z++)
            for (var y = 0; y < size.Y; y++)
                for (var x = 0; x < size.X; x++)
                    data[x + size.X * (y + size.Y * z)] = v[origin.X + x, origin.Y + y, origin.Z + z];
        return Volume.FromData(data, [size.X, size.Y, size.Z], v.Affine * Affine.Translation(origin.X, origin.Y, origin.Z));
    }

    /// <summary>Dice overlap of two masks (non-zero = inside).</summary>
    public static double Dice(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long both = 0, sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var x = a[i] != 0;
            var y = b[i] != 0;
            if (x && y) both++;
            sum += (x ? 1 : 0) + (y ? 1 : 0);
        }
        return sum == 0 ? 1 : 2.0 * both / sum;
    }
}

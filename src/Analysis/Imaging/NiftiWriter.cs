using System.Buffers.Binary;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Writes NIfTI-1/NIfTI-2, little-endian, unscaled: the affine goes into the sform (and the nearest rigid
/// transform into the qform), zooms into pixdim, extensions and descriptive fields from the volume's metadata.
/// </summary>
internal static class NiftiWriter
{
    public static NiftiHeader BuildHeader(Volume volume, VoxelType type, int version, bool single, int extensionBytes)
    {
        var m = volume.Metadata;
        var h = new NiftiHeader
        {
            Version = version,
            BigEndian = false,
            Single = single,
            Datatype = type.NiftiCode(),
            Bitpix = type.Size() * 8,
            SclSlope = 1,
            SclInter = 0,
            Descrip = m.Description,
            IntentCode = m.IntentCode,
            IntentName = m.IntentName,
            DimInfo = m.DimInfo,
            XyztUnits = m.SourceFormat is ImageFormat.Nifti1 or ImageFormat.Nifti2 ? m.XyztUnits : 10, // mm and s
        };
        h.Dim[0] = volume.Rank;
        for (var i = 0; i < 7; i++) h.Dim[i + 1] = i < volume.Rank ? volume.Shape[i] : 1;
        var hdrTotal = h.Size + 4 + extensionBytes;
        h.VoxOffset = single ? hdrTotal : 0;

        var a = volume.Affine;
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 4; c++) h.Srow[r * 4 + c] = a[r, c];
        h.SformCode = m.SformCode > 0 ? m.SformCode : m.QformCode > 0 ? m.QformCode : 2; // 2 = aligned
        h.QformCode = m.QformCode > 0 ? m.QformCode : 0;

        var (zx, zy, zz) = a.ColumnNorms;
        // Keep the volume's own voxel sizes when they describe the affine; they read back unchanged.
        zx = Close(volume.Zooms[0], zx); zy = Close(volume.Zooms[1], zy); zz = Close(volume.Zooms[2], zz);
        h.Pixdim[0] = 1;
        h.Pixdim[1] = zx; h.Pixdim[2] = zy; h.Pixdim[3] = zz;
        for (var i = 3; i < 7; i++) h.Pixdim[i + 1] = i < volume.Rank ? volume.Zooms[i] : 0;
        SetQform(h, a, zx, zy, zz);
        return h;
    }

    private static double Close(double zoom, double norm) => Math.Abs(zoom - norm) <= 1e-5 * Math.Max(1, norm) ? zoom : norm;

    /// <summary>
    /// The qform holds only a rotation, voxel sizes and qfac; like nibabel, fit the nearest proper rotation
    /// (polar decomposition) after moving a reflection into qfac.
    /// </summary>
    private static void SetQform(NiftiHeader h, Affine a, double zx, double zy, double zz)
    {
        h.QoffsetX = a[0, 3]; h.QoffsetY = a[1, 3]; h.QoffsetZ = a[2, 3];
        if (!(zx > 0 && zy > 0 && zz > 0) || !a.IsInvertible)
        {
            h.QformCode = 0;
            return;
        }
        var r = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(3, 3);
        double[] z = [zx, zy, zz];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) r[i, j] = a[i, j] / z[j];
        var qfac = 1.0;
        if (r.Determinant() < 0)
        {
            qfac = -1;
            for (var i = 0; i < 3; i++) r[i, 2] = -r[i, 2];
        }
        var svd = r.Svd(computeVectors: true);
        var pr = svd.U * svd.VT;
        var (_, qb, qc, qd) = Quaternion.FromMatrix([pr[0, 0], pr[0, 1], pr[0, 2], pr[1, 0], pr[1, 1], pr[1, 2], pr[2, 0], pr[2, 1], pr[2, 2]]);
        h.QuaternB = qb; h.QuaternC = qc; h.QuaternD = qd;
        h.Pixdim[0] = qfac;
    }

    public static byte[] SerializeExtensions(IReadOnlyList<NiftiExtension> extensions)
    {
        var size = 4 + extensions.Sum(e => Padded(e.Content.Length));
        var b = new byte[size];
        if (extensions.Count == 0) return b;
        b[0] = 1;
        var pos = 4;
        foreach (var e in extensions)
        {
            var esize = Padded(e.Content.Length);
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(pos), esize);
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(pos + 4), e.Code);
            e.Content.CopyTo(b, pos + 8);
            pos += esize;
        }
        return b;
    }

    /// <summary>esize covers the 8 bytes of size and code and is a multiple of 16.</summary>
    private static int Padded(int content) => (content + 8 + 15) / 16 * 16;
}

using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class VolumeFileWriteTests
{
    public static TheoryData<VoxelType, string> TypesAndNames()
    {
        var data = new TheoryData<VoxelType, string>();
        foreach (var t in Enum.GetValues<VoxelType>())
            foreach (var name in new[] { "v.nii", "v.nii.gz", "v.hdr", "v2.nii.gz" })
                data.Add(t, name);
        foreach (var t in new[] { VoxelType.UInt8, VoxelType.Int16, VoxelType.Int32, VoxelType.Float32 })
        {
            data.Add(t, "v.mgz");
            data.Add(t, "v.mgh");
        }
        return data;
    }

    [Theory, MemberData(nameof(TypesAndNames))]
    public void Writing_then_reading_is_bit_exact(VoxelType type, string name)
    {
        using var original = Sample(type);
        var path = Path.Combine(TestData.NewTempDirectory(), name);
        var format = name.StartsWith("v2") ? ImageFormat.Nifti2 : (ImageFormat?)null;

        VolumeFile.Write(original, path, format: format);
        using var back = VolumeFile.Read(path);

        Assert.Equal(type, back.DataType);
        Assert.Equal(original.Shape.ToArray(), back.Shape.ToArray());
        Assert.Equal(
            original.Data.ToArray().Select(BitConverter.SingleToInt32Bits),
            back.Data.ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.True(original.Affine.MaxAbsDifference(back.Affine) < 1e-5, $"affine {back.Affine} differs from {original.Affine}");
    }

    [Theory, MemberData(nameof(TypesAndNames))]
    public void Rewriting_a_read_file_reproduces_its_voxel_bytes(VoxelType type, string name)
    {
        using var original = Sample(type);
        var dir = TestData.NewTempDirectory();
        var first = Path.Combine(dir, "a-" + name);
        var second = Path.Combine(dir, "b-" + name);
        VolumeFile.Write(original, first, format: name.StartsWith("v2") ? ImageFormat.Nifti2 : null);

        using (var back = VolumeFile.Read(first)) VolumeFile.Write(back, second);

        // Header floats may move by an ulp through float32; the voxel bytes must not move at all.
        if (name.EndsWith(".hdr"))
            Assert.Equal(System.IO.File.ReadAllBytes(Path.ChangeExtension(first, ".img")), System.IO.File.ReadAllBytes(Path.ChangeExtension(second, ".img")));
        else
        {
            var a = Decompressed(first);
            var b = Decompressed(second);
            Assert.Equal(a.Length, b.Length);
            var voxelBytes = original.VoxelCount * type.Size();
            var start = name.EndsWith(".mgz") || name.EndsWith(".mgh") ? 284 : a.Length - voxelBytes;
            Assert.Equal(a.AsSpan(start, voxelBytes).ToArray(), b.AsSpan(start, voxelBytes).ToArray());
        }
    }

    [Fact]
    public void A_pair_reads_the_same_through_its_hdr_and_its_img_name()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "anatomical.nii"));
        var dir = TestData.NewTempDirectory();
        VolumeFile.Write(v, Path.Combine(dir, "a.img"));
        Assert.True(System.IO.File.Exists(Path.Combine(dir, "a.hdr")));
        using var viaHdr = VolumeFile.Read(Path.Combine(dir, "a.hdr"));
        using var viaImg = VolumeFile.Read(Path.Combine(dir, "a.img"));
        Assert.True(v.Data.SequenceEqual(viaHdr.Data));
        Assert.True(v.Data.SequenceEqual(viaImg.Data));
        Assert.Equal(ImageFormat.Nifti1, viaImg.Metadata.SourceFormat);
    }

    [Fact]
    public void A_pair_with_a_compressed_image_is_found_from_its_plain_header()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "minimal.nii"));
        var dir = TestData.NewTempDirectory();
        VolumeFile.Write(v, Path.Combine(dir, "p.hdr.gz"));
        // Leave p.hdr plain beside p.img.gz.
        System.IO.File.WriteAllBytes(Path.Combine(dir, "p.hdr"), BadInputTests.Gunzip(System.IO.File.ReadAllBytes(Path.Combine(dir, "p.hdr.gz"))));
        System.IO.File.Delete(Path.Combine(dir, "p.hdr.gz"));
        using var back = VolumeFile.Read(Path.Combine(dir, "p.hdr"));
        Assert.True(v.Data.SequenceEqual(back.Data));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void The_qform_written_alongside_the_sform_reproduces_a_rigid_affine(double handedness)
    {
        // A rotation about an oblique axis, voxel sizes 0.9/1.1/2.5, and a reflection of the third axis when asked.
        double a = 0.3, c = Math.Cos(a), s = Math.Sin(a);
        double[] r = [c, -s, 0, s * 0.8, c * 0.8, -0.6, s * 0.6, c * 0.6, 0.8];
        double[] z = [0.9, 1.1, 2.5 * handedness];
        var affine = new Affine([
            r[0] * z[0], r[1] * z[1], r[2] * z[2], -90,
            r[3] * z[0], r[4] * z[1], r[5] * z[2], 12.5,
            r[6] * z[0], r[7] * z[1], r[8] * z[2], 40,
            0, 0, 0, 1]);
        using var v = new Volume([4, 5, 6], affine, VoxelType.Int16);
        var path = Path.Combine(TestData.NewTempDirectory(), "q.nii");
        VolumeFile.Write(v, path);

        // Drop the sform (sform_code = 0) and give the qform a code: the reader must fall back to the qform.
        var bytes = System.IO.File.ReadAllBytes(path);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(252), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(254), 0);
        System.IO.File.WriteAllBytes(path, bytes);
        using var back = VolumeFile.Read(path);

        Assert.True(affine.MaxAbsDifference(back.Affine) < 1e-4, $"qform gave {back.Affine}, expected {affine}");
    }

    [Fact]
    public void Extensions_survive_a_round_trip()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "with_extension.nii.gz"));
        var path = Path.Combine(TestData.NewTempDirectory(), "ext.nii.gz");
        VolumeFile.Write(v, path);
        using var back = VolumeFile.Read(path);
        Assert.Equal(v.Metadata.Extensions.Count, back.Metadata.Extensions.Count);
        for (var i = 0; i < v.Metadata.Extensions.Count; i++)
        {
            Assert.Equal(v.Metadata.Extensions[i].Code, back.Metadata.Extensions[i].Code);
            Assert.Equal(v.Metadata.Extensions[i].Content, back.Metadata.Extensions[i].Content);
        }
        Assert.Equal(v.Data.ToArray(), back.Data.ToArray());
    }

    [Fact]
    public void A_freesurfer_label_volume_round_trips_as_mgz_and_as_nifti()
    {
        using var aseg = VolumeFile.Read(TestData.File("nifti", "test.mgz"));
        var dir = TestData.NewTempDirectory();
        foreach (var name in new[] { "t.mgz", "t.nii.gz" })
        {
            var path = Path.Combine(dir, name);
            VolumeFile.Write(aseg, path);
            using var back = VolumeFile.Read(path);
            Assert.Equal(aseg.Data.ToArray(), back.Data.ToArray());
            if (name.EndsWith(".mgz")) Assert.Equal(aseg.Zooms.ToArray(), back.Zooms.ToArray());
            Assert.True(aseg.Affine.MaxAbsDifference(back.Affine) < 1e-5);
        }
    }

    [Fact]
    public void Writing_leaves_no_temporary_files_and_replaces_the_target()
    {
        using var v = Sample(VoxelType.Int16);
        var dir = TestData.NewTempDirectory();
        var path = Path.Combine(dir, "out.nii.gz");
        VolumeFile.Write(v, path);
        VolumeFile.Write(v, path, VoxelType.Float32);
        Assert.Equal(["out.nii.gz"], Directory.GetFiles(dir).Select(Path.GetFileName));
        using var back = VolumeFile.Read(path);
        Assert.Equal(VoxelType.Float32, back.DataType);
    }

    [Fact]
    public void An_unknown_extension_is_refused()
    {
        using var v = Sample(VoxelType.UInt8);
        var ex = Assert.Throws<InvalidInputException>(() => VolumeFile.Write(v, Path.Combine(TestData.NewTempDirectory(), "x.png")));
        Assert.Contains("x.png", ex.Message);
    }

    [Fact]
    public void Mgh_refuses_types_it_cannot_store()
    {
        using var v = Sample(VoxelType.Float64);
        var ex = Assert.Throws<InvalidInputException>(() => VolumeFile.Write(v, Path.Combine(TestData.NewTempDirectory(), "x.mgz")));
        Assert.Contains("float64", ex.Message);
    }

    /// <summary>A 4-D volume spanning the type's range with values float32 represents exactly, and an oblique affine.</summary>
    internal static Volume Sample(VoxelType type)
    {
        int[] shape = [5, 4, 3, 2];
        var affine = new Affine([0.9, -0.1, 0.05, -20.5, 0.1, 1.1, 0, 12.25, 0, 0.02, 2.5, 3, 0, 0, 0, 1]);
        var v = new Volume(shape, affine, type, [0.91, 1.1, 2.5, 1.5]);
        var (lo, hi) = type.Range();
        // float32 holds integers exactly up to 2^24; wider types are tested at that limit.
        lo = Math.Max(lo, -(1 << 24));
        hi = Math.Min(hi, 1 << 24);
        var d = v.Data;
        for (var i = 0; i < d.Length; i++)
            d[i] = type.IsInteger() ? (float)(lo + (hi - lo) * i / (d.Length - 1)) : (float)Math.Sin(i * 0.37) * 1000 + (i == 7 ? float.Epsilon : 0);
        if (type.IsInteger()) { d[0] = (float)lo; d[^1] = (float)hi; d[3] = 0; }
        for (var i = 0; i < d.Length && type.IsInteger(); i++) d[i] = MathF.Round(d[i]);
        return v;
    }

    private static byte[] Decompressed(string path)
    {
        using var fs = System.IO.File.OpenRead(path);
        var gz = fs.ReadByte() == 0x1f && fs.ReadByte() == 0x8b;
        fs.Position = 0;
        using Stream s = gz ? new System.IO.Compression.GZipStream(fs, System.IO.Compression.CompressionMode.Decompress) : fs;
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}

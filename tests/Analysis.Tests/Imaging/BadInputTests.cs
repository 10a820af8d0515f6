using System.Buffers.Binary;
using System.IO.Compression;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class BadInputTests
{
    /// <summary>nibabel's minimal.nii: a big-endian NIfTI-1 (fields below are written big-endian).</summary>
    private static byte[] Minimal() => System.IO.File.ReadAllBytes(TestData.File("nifti", "minimal.nii"));

    private static ImageFormatException Refused(byte[] bytes, string name = "bad.nii", VolumeReadOptions? options = null) =>
        Assert.Throws<ImageFormatException>(() => VolumeFile.Read(new MemoryStream(bytes), name, options));

    [Fact]
    public void Wrong_magic_is_refused_naming_the_field()
    {
        var b = Minimal();
        b[344] = (byte)'x';
        var ex = Refused(b);
        Assert.Equal("magic", ex.Field);
        Assert.StartsWith("bad.nii: magic:", ex.Message);
    }

    [Fact]
    public void A_text_file_is_refused_without_echoing_its_first_bytes()
    {
        var text = "rrpt:secret-subject-list\nsub-01 60 F\n"u8.ToArray();
        var asLittle = BinaryPrimitives.ReadInt32LittleEndian(text).ToString();
        var asBig = BinaryPrimitives.ReadInt32BigEndian(text).ToString();

        var ex = Refused(text, "participants.nii");

        Assert.Equal("sizeof_hdr", ex.Field);
        Assert.Equal("participants.nii: sizeof_hdr: the first 4 bytes are neither 348 (NIfTI-1) nor 540 (NIfTI-2) in either byte order, " +
            "and the file is not MGH version 1: not a NIfTI or MGH image", ex.Message);
        Assert.DoesNotContain(asLittle, ex.Message);
        Assert.DoesNotContain(asBig, ex.Message);
        Assert.DoesNotContain("rrpt", ex.Message);
    }

    [Fact]
    public void A_header_size_that_is_a_near_miss_is_named()
    {
        var b = Minimal();
        BinaryPrimitives.WriteInt32BigEndian(b, 347);

        Assert.StartsWith("bad.nii: sizeof_hdr: 347 is neither 348 (NIfTI-1) nor 540", Refused(b).Message);
    }

    [Fact]
    public void An_unknown_magic_is_not_quoted_and_an_empty_one_suggests_Analyze()
    {
        var garbage = Minimal();
        "SeCr"u8.CopyTo(garbage.AsSpan(344));
        var analyze = Minimal();
        analyze.AsSpan(344, 4).Clear();

        var unknown = Refused(garbage).Message;

        Assert.Contains("expected 'n+1' for NIfTI-1, found another value", unknown);
        Assert.DoesNotContain("SeCr", unknown);
        Assert.Contains("found none (an Analyze 7.5 header?)", Refused(analyze).Message);
    }

    [Fact]
    public void Truncated_data_is_refused_as_inconsistent_with_the_file_size()
    {
        var b = Minimal()[..^100];
        var ex = Refused(b);
        Assert.Equal("dim", ex.Field);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void Dimensions_larger_than_the_file_are_refused()
    {
        var b = Minimal();
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(42), 200);
        Assert.Equal("dim", Refused(b).Field);
    }

    [Fact]
    public void A_voxel_count_beyond_the_limit_is_refused_before_allocating()
    {
        var b = Minimal();
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(42), short.MaxValue);
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(44), short.MaxValue);
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(46), short.MaxValue);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Refused(b);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Equal("dim", ex.Field);
        Assert.Contains("limit", ex.Message);
    }

    [Fact]
    public void The_voxel_limit_is_configurable()
    {
        var ex = Refused(Minimal(), options: new VolumeReadOptions { MaxVoxels = 1000 });
        Assert.Contains("1000", ex.Message);
    }

    [Fact]
    public void A_compressed_stream_shorter_than_the_header_says_is_refused()
    {
        var raw = Minimal();
        var gz = Gzip(raw[..^5000]);
        var ex = Refused(gz, "short.nii.gz");
        Assert.Equal("data", ex.Field);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void A_corrupt_compressed_stream_is_refused()
    {
        var gz = Gzip(Minimal());
        for (var i = 200; i < 260; i++) gz[i] ^= 0x5a;
        Refused(gz, "corrupt.nii.gz");
    }

    [Fact]
    public void Data_beyond_the_image_are_ignored()
    {
        var raw = Minimal();
        using var plain = VolumeFile.Read(new MemoryStream(raw), "m.nii");
        using var longer = VolumeFile.Read(new MemoryStream([.. raw, .. new byte[4096]]), "m.nii");
        Assert.True(plain.Data.SequenceEqual(longer.Data));
    }

    [Fact]
    public void Decompression_stops_at_the_bytes_the_image_needs_so_a_gzip_bomb_cannot_exhaust_memory()
    {
        var raw = Minimal();
        // 256 MB of zeros after the image compress to a few hundred kilobytes.
        var bombStream = new MemoryStream();
        using (var gz = new GZipStream(bombStream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(raw);
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++) gz.Write(zeros);
        }
        var bomb = bombStream.ToArray();
        using var source = new MemoryStream(bomb);
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var v = VolumeFile.Read(source, "bomb.nii.gz");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20);
        Assert.True(source.Position < bomb.Length / 4, $"read {source.Position} of {bomb.Length} compressed bytes");
        Assert.Equal(64 * 64 * 10, v.VoxelCount);
    }

    [Fact]
    public void A_non_invertible_affine_loads_but_orientation_and_resampling_refuse_it()
    {
        var b = Minimal();
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(254), 1); // sform_code
        b.AsSpan(280, 48).Clear();                                 // srow_x/y/z all zero
        using var v = VolumeFile.Read(new MemoryStream(b), "singular.nii");
        Assert.False(v.Affine.IsInvertible);
        Assert.Contains("not invertible", Assert.Throws<InvalidInputException>(() => Orientation.Reorient(v, "RAS")).Message);
        Assert.Contains("not invertible", Assert.Throws<InvalidInputException>(() => Resampler.ResampleLike(v, v)).Message);
    }

    [Fact]
    public void Unsupported_data_types_are_refused_with_their_name()
    {
        var b = Minimal();
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(70), 128); // RGB24
        var ex = Refused(b);
        Assert.Equal("datatype", ex.Field);
        Assert.Contains("rgb24", ex.Message);
    }

    [Fact]
    public void A_valid_slope_with_an_infinite_intercept_is_refused()
    {
        var b = Minimal();
        BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(112), 2f);
        BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(116), float.PositiveInfinity);
        Assert.Equal("scl_inter", Refused(b).Field);
    }

    [Fact]
    public void A_zero_or_nan_slope_means_unscaled()
    {
        var b = Minimal();
        using var plain = VolumeFile.Read(new MemoryStream(b), "m.nii");
        foreach (var slope in new[] { 0f, float.NaN })
        {
            BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(112), slope);
            BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(116), 7f);
            using var v = VolumeFile.Read(new MemoryStream(b), "m.nii");
            Assert.True(plain.Data.SequenceEqual(v.Data));
        }
    }

    [Fact]
    public void A_pair_header_read_as_a_single_file_is_explained()
    {
        var b = Minimal();
        b[345] = (byte)'i';
        var ex = Refused(b);
        Assert.Equal("magic", ex.Field);
        Assert.Contains(".hdr", ex.Message);
    }

    [Fact]
    public void An_mgh_with_an_unknown_type_is_refused()
    {
        var b = Gunzip(System.IO.File.ReadAllBytes(TestData.File("nifti", "test.mgz")));
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(20), 2);
        var ex = Refused(b, "bad.mgz");
        Assert.Equal("type", ex.Field);
    }

    internal static byte[] Gzip(byte[] raw)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(raw);
        return ms.ToArray();
    }

    internal static byte[] Gunzip(byte[] gz)
    {
        using var s = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}

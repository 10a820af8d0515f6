using Xunit;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class VolumeFileReadTests
{
    public static TheoryData<string> Files => new(NibabelFacts.ReadableFiles);

    [Theory, MemberData(nameof(Files))]
    public void Shape_zooms_type_and_affine_match_nibabel(string name)
    {
        var facts = NibabelFacts.For(name);
        using var v = VolumeFile.Read(NibabelFacts.PathOf(name));

        Assert.Equal(facts.GetProperty("shape").Ints(), v.Shape.ToArray());
        var zooms = facts.GetProperty("zooms").Doubles();
        Assert.Equal(zooms.Length, v.Zooms.Count);
        for (var i = 0; i < zooms.Length; i++) Assert.Equal(zooms[i], v.Zooms[i], 1e-6 * Math.Max(1, Math.Abs(zooms[i])));
        Assert.Equal(NibabelFacts.TypeName(facts.GetProperty("on_disk_dtype").GetString()!), v.DataType.Name());
        var rows = facts.GetProperty("affine").EnumerateArray().Select(r => r.Doubles()).ToArray();
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++) Assert.Equal(rows[r][c], v.Affine[r, c], 1e-5);
        var expectedFormat = facts.GetProperty("format").GetString() switch
        {
            "Nifti1Image" => ImageFormat.Nifti1,
            "Nifti2Image" => ImageFormat.Nifti2,
            _ => ImageFormat.Mgh,
        };
        Assert.Equal(expectedFormat, v.Metadata.SourceFormat);
    }

    [Theory, MemberData(nameof(Files))]
    public void Scaled_data_statistics_match_nibabel(string name)
    {
        var facts = NibabelFacts.For(name);
        using var v = VolumeFile.Read(NibabelFacts.PathOf(name));

        var s = VolumeStatistics.Of(v.Data);
        AssertRelative(facts.GetProperty("sum").GetDouble(), s.Sum);
        AssertRelative(facts.GetProperty("min").GetDouble(), s.Min);
        AssertRelative(facts.GetProperty("max").GetDouble(), s.Max);
        AssertRelative(facts.GetProperty("mean").GetDouble(), s.Mean);
        Assert.Equal(facts.GetProperty("nonzero").GetInt64(), s.NonZero);
    }

    [Theory, MemberData(nameof(Files))]
    public void First_nonzero_voxel_is_where_nibabel_finds_it(string name)
    {
        var facts = NibabelFacts.For(name);
        using var v = VolumeFile.Read(NibabelFacts.PathOf(name));
        var expected = facts.GetProperty("first_nonzero_voxel").Ints();

        // nibabel's np.argwhere walks C order (last axis fastest): the smallest index tuple holding a non-zero.
        var strides = new long[v.Rank];
        strides[0] = 1;
        for (var i = 1; i < v.Rank; i++) strides[i] = strides[i - 1] * v.Shape[i - 1];
        long linear = 0;
        for (var i = 0; i < v.Rank; i++) linear += expected[i] * strides[i];
        AssertRelative(facts.GetProperty("first_nonzero_value").GetDouble(), v.Data[(int)linear]);
    }

    [Fact]
    public void A_file_that_is_not_nifti_is_refused_naming_file_and_field()
    {
        var path = TestData.File("nifti", "not-nifti.nii");
        var ex = Assert.Throws<ImageFormatException>(() => VolumeFile.Read(path));
        Assert.Contains("not-nifti.nii", ex.Message);
        Assert.Equal("sizeof_hdr", ex.Field);
        Assert.IsAssignableFrom<InvalidInputException>(ex);
    }

    [Fact]
    public void A_missing_file_is_an_image_format_error()
    {
        var ex = Assert.Throws<ImageFormatException>(() => VolumeFile.Read(Path.Combine(TestData.NewTempDirectory(), "absent.nii")));
        Assert.Contains("absent.nii", ex.Message);
    }

    [Fact]
    public void Big_endian_file_holds_the_same_voxels_as_little_endian()
    {
        using var big = VolumeFile.Read(TestData.File("nifti", "big.nii.gz"));
        using var little = VolumeFile.Read(TestData.File("nifti", "little.nii.gz"));
        Assert.True(big.Metadata.SourceBigEndian);
        Assert.False(little.Metadata.SourceBigEndian);
        Assert.Equal(little.Data.ToArray(), big.Data.ToArray());
        Assert.Equal(0, big.Affine.MaxAbsDifference(little.Affine));
    }

    [Fact]
    public void Nifti1_and_nifti2_copies_of_the_mni_average_hold_the_same_voxels()
    {
        using var v1 = VolumeFile.Read(TestData.File("nifti", "avg152T1_LR_nifti.nii.gz"));
        using var v2 = VolumeFile.Read(TestData.File("nifti", "avg152T1_LR_nifti2.nii.gz"));
        Assert.Equal(ImageFormat.Nifti2, v2.Metadata.SourceFormat);
        Assert.Equal(v1.Data.ToArray(), v2.Data.ToArray());
    }

    [Fact]
    public void Extensions_are_read()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "with_extension.nii.gz"));
        Assert.NotEmpty(v.Metadata.Extensions);
    }

    [Fact]
    public void A_stream_reads_like_the_file()
    {
        var path = TestData.File("nifti", "example4d.nii.gz");
        using var fromFile = VolumeFile.Read(path);
        using var ms = new MemoryStream(System.IO.File.ReadAllBytes(path));
        using var fromStream = VolumeFile.Read(ms, "example4d.nii.gz");
        Assert.Equal(fromFile.Data.ToArray(), fromStream.Data.ToArray());
    }

    private static void AssertRelative(double expected, double actual)
    {
        var tol = 1e-6 * Math.Max(Math.Abs(expected), 1e-30);
        Assert.True(Math.Abs(expected - actual) <= tol, $"expected {expected}, got {actual} (relative tolerance 1e-6)");
    }
}

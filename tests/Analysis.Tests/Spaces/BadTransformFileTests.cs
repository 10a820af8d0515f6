using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Files;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Spaces;

/// <summary>Bad transform files are refused with a message naming the file, the field and what was expected.</summary>
public class BadTransformFileTests
{
    private readonly string _dir = TestData.NewTempDirectory("spaces-bad");

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private static InvalidInputException Refused(string path) =>
        Assert.ThrowsAny<InvalidInputException>(() => TransformChainLoader.Load([TransformReference.Parse(path)]));

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(100)]
    [InlineData(180)]
    public void A_truncated_mat_is_refused(int length)
    {
        var bytes = System.IO.File.ReadAllBytes(ItkReference.File("affine_double.mat"))[..length];
        var ex = Refused(Write("cut.mat", bytes));
        Assert.StartsWith("cut.mat: ", ex.Message);
        Assert.Matches("truncated|no 'fixed'", ex.Message);
    }

    [Fact]
    public void A_mat_that_is_not_matlab_is_refused_naming_the_type_field()
    {
        var ex = Refused(Write("junk.mat", [0xFF, 0xFF, 0xFF, 0x7F, .. new byte[40]]));
        Assert.Contains("junk.mat: variable 1 (byte 0): type:", ex.Message);
    }

    [Fact]
    public void An_unsupported_transform_type_is_refused_in_text_files()
    {
        var text = "#Insight Transform File V1.0\n#Transform 0\nTransform: BSplineTransform_double_3_3\nParameters: 1 2 3\nFixedParameters: 1\n";
        var ex = Refused(Write("bspline.txt", System.Text.Encoding.ASCII.GetBytes(text)));
        Assert.Contains("bspline.txt:3: Transform: transform type 'BSplineTransform' is not supported", ex.Message);
    }

    [Fact]
    public void An_unsupported_transform_type_is_refused_in_mat_files()
    {
        var bytes = MatlabV4File.Write([("BSplineTransform_double_3_3", new double[12]), ("fixed", new double[3])]);
        var ex = Refused(Write("bspline.mat", bytes));
        Assert.Contains("bspline.mat: variable 'BSplineTransform_double_3_3': transform type 'BSplineTransform' is not supported", ex.Message);
    }

    [Fact]
    public void A_2d_transform_is_refused()
    {
        var bytes = MatlabV4File.Write([("AffineTransform_double_2_2", new double[6]), ("fixed", new double[2])]);
        Assert.Contains("is not a 3-D ITK transform type", Refused(Write("flat.mat", bytes)).Message);
    }

    [Fact]
    public void Wrong_parameter_counts_are_refused()
    {
        var bytes = MatlabV4File.Write([("AffineTransform_double_3_3", new double[9]), ("fixed", new double[3])]);
        Assert.Contains("AffineTransform_double_3_3: Parameters: 9 values; expected 12", Refused(Write("short.mat", bytes)).Message);
    }

    [Fact]
    public void A_singular_affine_is_refused()
    {
        var bytes = MatlabV4File.Write([("AffineTransform_double_3_3", new double[12]), ("fixed", new double[3])]);
        Assert.Contains("the matrix is singular", Refused(Write("zero.mat", bytes)).Message);
    }

    [Fact]
    public void A_field_with_the_wrong_intent_is_refused()
    {
        using var v = new Volume([4, 5, 6, 1, 3], Affine.Identity);
        var path = Path.Combine(_dir, "nointent.nii.gz");
        VolumeFile.Write(v, path);
        var ex = Assert.IsType<ImageFormatException>(Refused(path));
        Assert.Equal("intent_code", ex.Field);
        Assert.Contains("1007", ex.Message);
    }

    [Fact]
    public void A_field_with_the_wrong_shape_is_refused()
    {
        using var v = new Volume([4, 5, 6, 3], Affine.Identity, metadata: new VolumeMetadata { IntentCode = 1007 });
        var path = Path.Combine(_dir, "fourd.nii.gz");
        VolumeFile.Write(v, path);
        var ex = Assert.IsType<ImageFormatException>(Refused(path));
        Assert.Equal("dim", ex.Field);
        Assert.Contains("x × y × z × 1 × 3", ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_hdf5_is_refused()
    {
        var ex = Refused(Write("fake.h5", System.Text.Encoding.ASCII.GetBytes("not an hdf5 file at all")));
        Assert.StartsWith("fake.h5: ", ex.Message);
    }

    [Fact]
    public void An_hdf5_file_without_transforms_is_refused()
    {
        var path = Path.Combine(_dir, "empty.h5");
        var file = new PureHDF.H5File { ["Something"] = new PureHDF.H5Group() };
        file.Write(path);
        Assert.Contains("empty.h5: no /TransformGroup group", Refused(path).Message);
    }

    [Fact]
    public void The_inverse_of_a_displacement_field_is_refused_pointing_to_the_inverse_warp()
    {
        var ex = Assert.ThrowsAny<InvalidInputException>(() => TransformFileTests.Load(["[warp.nii.gz,1]"]));
        Assert.Contains("InverseWarp", ex.Message);
    }

    [Fact]
    public void An_fsl_matrix_without_its_images_is_refused()
    {
        var ex = Refused(Write("flirt.mat", System.Text.Encoding.ASCII.GetBytes("1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n")));
        Assert.Contains("flirt.mat: an FSL FLIRT matrix", ex.Message);
    }

    [Theory]
    [InlineData("[a.mat,2]")]
    [InlineData("[a.mat]")]
    [InlineData("[,1]")]
    public void Bad_bracket_syntax_is_refused(string text)
    {
        Assert.Contains("expected FILE, [FILE,0] or [FILE,1]", Assert.Throws<InvalidInputException>(() => TransformReference.Parse(text)).Message);
    }

    [Fact]
    public void An_unknown_extension_is_refused()
    {
        Assert.Contains("unknown transform file extension", Refused(Write("t.xyz", [1, 2, 3])).Message);
    }
}

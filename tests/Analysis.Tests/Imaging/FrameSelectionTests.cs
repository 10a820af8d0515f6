using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Imaging;

/// <summary>One 3-D image out of files with several frames, on nibabel's real 4-D and 5-D test files.</summary>
public sealed class FrameSelectionTests
{
    private const string How = "say so";

    [Fact]
    public void A_single_frame_image_is_returned_as_it_is()
    {
        using var image = VolumeFile.Read(TestData.File("nifti", "little.nii.gz")); // 64x64x21x1

        Assert.Same(image, FrameSelection.Select(image, null, "T1", How));
        Assert.Same(image, FrameSelection.Select(image, 0, "T1", How));
    }

    [Fact]
    public void Several_frames_without_a_choice_are_refused_with_the_shape_and_how_to_choose()
    {
        using var image = VolumeFile.Read(TestData.File("nifti", "5D_small.nii")); // 1x2x3x1x3: three frames

        var ex = Assert.Throws<InvalidInputException>(() => FrameSelection.Select(image, null, "T1 image 'x'", How));

        Assert.Equal("T1 image 'x' has 3 frames (shape 1x2x3x1x3); expected one 3-D image. Say which frame to use (0-based): say so.", ex.Message);
    }

    [Fact]
    public void A_chosen_frame_becomes_a_3D_volume_on_the_same_grid()
    {
        using var image = VolumeFile.Read(TestData.File("nifti", "example4d.nii.gz"));

        using var frame = FrameSelection.Select(image, 1, "T1", How);

        Assert.Equal([128, 96, 24], frame.Shape);
        Assert.Equal(image.Affine, frame.Affine);
        Assert.Equal(image.Frame(1).ToArray(), frame.Data.ToArray());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void A_frame_the_file_does_not_have_is_refused(int chosen)
    {
        using var image = VolumeFile.Read(TestData.File("nifti", "example4d.nii.gz"));

        var ex = Assert.Throws<InvalidInputException>(() => FrameSelection.Select(image, chosen, "T1", How));

        Assert.Contains($"so frame {chosen} does not exist; expected 0 to 1", ex.Message);
    }
}

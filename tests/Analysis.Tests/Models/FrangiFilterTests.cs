using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

public class FrangiFilterTests
{
    private static readonly FrangiOptions SkimageParameters = new() { SigmasMm = [0.5, 1.0, 1.5], Alpha = 0.5, Beta = 0.5, C = 15 };

    [Fact]
    public void Agrees_with_scikit_image_within_one_percent_of_the_maximum_response_on_a_real_brain_block()
    {
        // Reference/frangi_reference.py: skimage.filters.frangi on the same block with the same parameters.
        using var reference = VolumeFile.Read(Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Models", "Reference", "frangi-skimage.nii.gz"));
        using var brain = ModelTestVolumes.Ixi();
        using var block = ModelTestVolumes.Block(brain, (96, 100, 70), (40, 40, 40));
        using var ours = FrangiFilter.Apply(block, SkimageParameters, cancellationToken: TestContext.Current.CancellationToken);

        var expected = reference.Data;
        var peak = VolumeStatistics.Of(expected).Max;
        Assert.True(peak > 0.1, $"the reference block should hold vessel-like structure (max {peak})");
        double worst = 0;
        for (var i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(ours.Data[i] - expected[i]));
        Assert.True(worst <= 0.01 * peak, $"largest difference {worst:G4} exceeds 1 % of the maximum {peak:G4}");
        Assert.Equal(0, reference.Affine.MaxAbsDifference(ours.Affine), 6);
    }

    [Fact]
    public void Values_inside_a_mask_equal_the_unmasked_filter_and_are_zero_outside()
    {
        using var brain = ModelTestVolumes.Ixi();
        using var block = ModelTestVolumes.Block(brain, (90, 95, 65), (48, 48, 48));
        var mask = new byte[block.SpatialCount];
        for (var z = 10; z < 30; z++)
            for (var y = 12; y < 40; y++)
                for (var x = 20; x < 44; x++)
                    mask[block.Index(x, y, z)] = (byte)((x + y) % 3 == 0 ? 0 : 1);
        using var whole = FrangiFilter.Apply(block, SkimageParameters, cancellationToken: TestContext.Current.CancellationToken);
        using var masked = FrangiFilter.Apply(block, SkimageParameters, mask, cancellationToken: TestContext.Current.CancellationToken);
        for (var i = 0; i < mask.Length; i++)
            Assert.Equal(mask[i] != 0 ? whole.Data[i] : 0f, masked.Data[i]);
    }

    [Theory]
    [InlineData(VesselPolarity.Dark, -100f)]
    [InlineData(VesselPolarity.Bright, 100f)]
    public void Finds_a_tube_of_its_polarity_and_ignores_the_opposite(VesselPolarity polarity, float contrast)
    {
        using var tube = SyntheticTube(contrast);
        using var opposite = SyntheticTube(-contrast);
        var options = new FrangiOptions { Polarity = polarity };
        using var found = FrangiFilter.Apply(tube, options, cancellationToken: TestContext.Current.CancellationToken);
        using var ignored = FrangiFilter.Apply(opposite, options, cancellationToken: TestContext.Current.CancellationToken);
        var centre = found[16, 16, 16];
        Assert.True(centre > 0.5, $"vesselness on the tube's axis is {centre}");
        Assert.True(found[16, 4, 16] < 0.01 * centre, "far from the tube the response is small");
        Assert.Equal(0f, ignored[16, 16, 16]);
    }

    [Fact]
    public void Anisotropic_voxels_give_the_same_response_as_the_isotropic_image_they_sample()
    {
        // A tube along z sampled at 1 mm and at 1×1×2 mm: the tube's cross-section is the same, so on its axis
        // the filter (σ in mm) responds alike.
        using var iso = SyntheticTube(-100f, zoomZ: 1);
        using var aniso = SyntheticTube(-100f, zoomZ: 2);
        var options = new FrangiOptions { SigmasMm = [1.0] };
        using var a = FrangiFilter.Apply(iso, options, cancellationToken: TestContext.Current.CancellationToken);
        using var b = FrangiFilter.Apply(aniso, options, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(a[16, 16, 16], b[16, 16, 16], 3);
    }

    [Fact]
    public void Refuses_bad_parameters_by_name()
    {
        using var tube = SyntheticTube(-100f);
        var e = Assert.Throws<InvalidInputException>(() => FrangiFilter.Apply(tube, new FrangiOptions { SigmasMm = [0.5, -1] }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("scales", e.Message);
        var m = Assert.Throws<InvalidInputException>(() => FrangiFilter.Apply(tube, null, new byte[7], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("mask", m.Message);
    }

    /// <summary>A 33³ (x, y) × 33 z-slices volume of 100 with a Gaussian-profile tube (radius ≈ 1 mm) along z through (16, 16).</summary>
    private static Volume SyntheticTube(float contrast, double zoomZ = 1)
    {
        const int n = 33;
        var v = new Volume([n, n, n], Affine.Scaling(1, 1, zoomZ));
        for (var z = 0; z < n; z++)
            for (var y = 0; y < n; y++)
                for (var x = 0; x < n; x++)
                {
                    var r2 = (x - 16.0) * (x - 16.0) + (y - 16.0) * (y - 16.0);
                    v[x, y, z] = 100 + contrast * (float)Math.Exp(-r2 / 2.0);
                }
        return v;
    }
}

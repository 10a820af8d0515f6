using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

public class BrainAgePreprocessorTests
{
    public static TheoryData<string> Brains()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(TestData.SharedData, "ixi"), "*.nii.gz").Order()) data.Add(f);
        data.Add(TestData.File("freesurfer", "bert", "mri", "brain.mgz"));
        return data;
    }

    internal static ModelConfig Model(string orientation, double voxelSize, int cube, string normalisation = "unit", IReadOnlyList<string>? files = null) =>
        TestModelConfig.Of("test", files ?? [], orientation, voxelSize, cube, normalisation);

    [Theory]
    [MemberData(nameof(Brains))]
    public void A_198_lia_cube_and_a_98_cube_at_2mm_hold_the_whole_brain_centred_and_map_back_to_the_native_grid(string file)
    {
        using var native = VolumeFile.Read(file);
        Check198Lia(native);
        Check98At2mm(native);
    }

    private static void Check198Lia(Volume native)
    {
        var (box, record) = BrainAgePreprocessor.Run(native, Model("LIA", 1.0, 198));
        using (box)
        {
            Assert.Equal([198, 198, 198], box.Shape.ToArray());
            Assert.Equal("LIA", Orientation.AxisCodes(box));
            AssertCentred(box);
            var nativeMax = (float)VolumeStatistics.Of(native.Data).Max;
            Assert.Equal(VolumeStatistics.Of(native.Data).NonZero, VolumeStatistics.Of(box.Data).NonZero);

            // Back in the native grid every voxel holds its own intensity scaled to [0, 1]: nothing moved or was lost.
            using var back = record.ToNative(box);
            Assert.Equal(native.Shape.ToArray(), back.Shape.ToArray());
            Assert.Equal(native.Affine, back.Affine);
            double worst = 0;
            for (var i = 0; i < native.VoxelCount; i++) worst = Math.Max(worst, Math.Abs(back.Data[i] - native.Data[i] / nativeMax));
            Assert.True(worst < 1e-6, $"largest difference {worst}");
        }
    }

    private static void Check98At2mm(Volume native)
    {
        var (box, record) = BrainAgePreprocessor.Run(native, Model("RAS", 2.0, 98));
        using (box)
        {
            Assert.Equal([98, 98, 98], box.Shape.ToArray());
            Assert.Equal("RAS", Orientation.AxisCodes(box));
            Assert.Equal([2.0, 2.0, 2.0], box.Zooms.Take(3).ToArray());
            Assert.True(record.Resampled);
            AssertCentred(box);
            // Nothing was cut: the kept block is the whole brain box of the 2 mm image.
            var bb = Pruning.BrainBoundingBox(box, 0)!.Value;
            Assert.Equal(record.Prune.Extent, bb.Size);

            using var back = record.ToNative(box);
            Assert.Equal(native.Shape.ToArray(), back.Shape.ToArray());
            Assert.Equal(native.Affine, back.Affine);
            var brain = BinaryMask.NonZero(native.Data);
            var mapped = BinaryMask.Threshold(back.Data, 0.05f);
            var dice = ModelTestVolumes.Dice(brain, mapped);
            Assert.True(dice > 0.9, $"brain and its round trip through 2 mm overlap with Dice {dice:F3}");
        }
    }

    [Fact]
    public void Uint8_normalisation_scales_to_0_255_and_marks_the_type()
    {
        using var native = ModelTestVolumes.Ixi();
        var (box, _) = BrainAgePreprocessor.Run(native, Model("LIA", 1.0, 198, "uint8"));
        using (box)
        {
            Assert.Equal(VoxelType.UInt8, box.DataType);
            var s = VolumeStatistics.Of(box.Data);
            Assert.Equal((0.0, 255.0), (s.Min, s.Max));
            var fractional = 0;
            foreach (var v in box.Data) if (MathF.Round(v) != v) fractional++;
            Assert.Equal(0, fractional);
        }
    }

    [Fact]
    public void Unit_inverted_normalisation_is_one_minus_the_unit_normalisation()
    {
        using var native = ModelTestVolumes.Ixi();
        var (unit, _) = BrainAgePreprocessor.Run(native, Model("LIA", 2.0, 98, "unit"));
        var (inverted, _) = BrainAgePreprocessor.Run(native, Model("LIA", 2.0, 98, "unit_inverted"));
        using (unit)
        using (inverted)
        {
            var largest = 0f;
            for (var i = 0; i < unit.Data.Length; i++) largest = Math.Max(largest, Math.Abs(1 - unit.Data[i] - inverted.Data[i]));
            Assert.True(largest < 1e-5f, $"largest difference from 1 − unit: {largest}");
            Assert.Equal(1f, inverted.Data[0]);
        }
    }

    /// <summary>The brain's margins before and after it differ by at most one voxel on every axis.</summary>
    private static void AssertCentred(Volume box)
    {
        var bb = Pruning.BrainBoundingBox(box, 0)!.Value;
        int[] before = [bb.MinX, bb.MinY, bb.MinZ];
        int[] after = [box.Nx - 1 - bb.MaxX, box.Ny - 1 - bb.MaxY, box.Nz - 1 - bb.MaxZ];
        for (var a = 0; a < 3; a++)
        {
            Assert.True(before[a] >= 0 && after[a] >= 0);
            Assert.InRange(after[a] - before[a], 0, 1);
        }
    }
}

using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>A map on a model's box goes back to the native grid through the affines: exact copies when grid-aligned, trilinear otherwise.</summary>
public sealed class NativeGridMappingTests
{
    [Fact]
    public void Reoriented_and_shifted_box_is_copied_voxel_for_voxel()
    {
        // Native 6×5×4; box voxel (x, y, z) is native voxel (6 − x, y − 2, z): flipped in x, shifted in y, one voxel larger in x.
        using var native = new Volume([6, 5, 4], Affine.Translation(-3, -2, -1));
        var boxAffine = native.Affine * new Affine([-1, 0, 0, 6, 0, 1, 0, -2, 0, 0, 1, 0, 0, 0, 0, 1]);
        var values = Enumerable.Range(1, 7 * 5 * 4).Select(v => (float)v).ToArray();
        using var box = Volume.FromData(values, [7, 5, 4], boxAffine);

        using var mapped = NativeGridMapping.ToNative(box, native);

        Assert.True(NativeGridMapping.IsGridAligned(box, native));
        Assert.Equal(native.Affine, mapped.Affine);
        for (var z = 0; z < 4; z++)
        for (var y = 0; y < 5; y++)
        for (var x = 0; x < 6; x++)
        {
            // Native (x, y, z) is box (6 − x, y + 2, z): inside the box only for y ≤ 2; box column x = 0 is dropped.
            var expected = y <= 2 ? box[6 - x, y + 2, z] : 0f;
            Assert.Equal(expected, mapped[x, y, z]);
        }
    }

    [Fact]
    public void Box_at_another_voxel_size_is_interpolated()
    {
        using var native = new Volume([8, 8, 8], Affine.Identity);
        using var box = Volume.FromData(Enumerable.Repeat(2.5f, 4 * 4 * 4).ToArray(), [4, 4, 4], Affine.Scaling(2, 2, 2));

        using var mapped = NativeGridMapping.ToNative(box, native);

        Assert.False(NativeGridMapping.IsGridAligned(box, native));
        Assert.Equal(2.5f, mapped[3, 5, 1], 5);
        Assert.Equal(0f, mapped[7, 7, 7]); // beyond the box's last voxel centre (6 mm)
    }
}

using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class PruningTests
{
    [Theory]
    [InlineData(198, 198, 198)]
    [InlineData(160, 214, 176)]
    public void Reverse_prune_after_prune_is_the_identity_inside_the_box(int bx, int by, int bz)
    {
        using var v = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        var (box, transform) = Pruning.Prune(v, [bx, by, bz]);
        using (box)
        using (var back = Pruning.Reverse(box, transform, fill: transform.Background))
        {
            Assert.Equal(v.Shape.ToArray(), back.Shape.ToArray());
            var bb = Pruning.BrainBoundingBox(v, transform.Background)!.Value;
            for (var z = 0; z < v.Nz; z++)
                for (var y = 0; y < v.Ny; y++)
                    for (var x = 0; x < v.Nx; x++)
                    {
                        var kept = x >= transform.SourceStart[0] && x < transform.SourceStart[0] + transform.Extent[0]
                            && y >= transform.SourceStart[1] && y < transform.SourceStart[1] + transform.Extent[1]
                            && z >= transform.SourceStart[2] && z < transform.SourceStart[2] + transform.Extent[2];
                        if (kept) Assert.Equal(v[x, y, z], back[x, y, z]);
                        else Assert.Equal(transform.Background, back[x, y, z]);
                        if (bb.Contains(x, y, z) && bb.SizeX <= bx && bb.SizeY <= by && bb.SizeZ <= bz) Assert.True(kept);
                    }
            Assert.Equal(0, v.Affine.MaxAbsDifference(back.Affine));
        }
    }

    [Fact]
    public void The_brain_is_centred_in_the_box_and_the_box_affine_keeps_world_positions()
    {
        using var v = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        var bb = Pruning.BrainBoundingBox(v, 0)!.Value;
        var (box, t) = Pruning.Prune(v, 198, PruneBackground.Zero);
        using (box)
        {
            Assert.Equal([198, 198, 198], box.Shape.ToArray());
            for (var a = 0; a < 3; a++)
            {
                Assert.Equal(bb.Size[a], t.Extent[a]);
                Assert.Equal((198 - bb.Size[a]) / 2, t.TargetStart[a]);
            }
            var (bx, by, bz) = (t.TargetStart[0] + 5, t.TargetStart[1] + 7, t.TargetStart[2] + 9);
            var (ox, oy, oz) = (bb.MinX + 5, bb.MinY + 7, bb.MinZ + 9);
            Assert.Equal(v[ox, oy, oz], box[bx, by, bz]);
            Assert.Equal(v.Affine.Apply(ox, oy, oz), box.Affine.Apply(bx, by, bz));
            Assert.Equal(VolumeStatistics.Of(v.Data).Sum, VolumeStatistics.Of(box.Data).Sum);
        }
    }

    [Fact]
    public void The_background_is_the_minimum_by_default()
    {
        using var v = new Volume([6, 6, 6], Affine.Identity);
        v.Data.Fill(-1);
        v[2, 3, 4] = 5;
        var (box, t) = Pruning.Prune(v, 3);
        using (box)
        {
            Assert.Equal(-1f, t.Background);
            Assert.Equal(5f, box[1, 1, 1]);
            Assert.Equal(26, box.Data.ToArray().Count(f => f == -1));
        }
    }

    [Fact]
    public void A_brain_larger_than_the_box_is_cut_centrally_and_recorded()
    {
        using var v = new Volume([10, 4, 4], Affine.Identity);
        v.Data.Fill(1);
        var (box, t) = Pruning.Prune(v, [6, 4, 4], PruneBackground.Zero);
        using (box)
        {
            Assert.Equal([2, 0, 0], t.SourceStart);
            Assert.Equal([6, 4, 4], t.Extent);
        }
    }

    [Fact]
    public void Reverse_refuses_a_map_of_another_shape()
    {
        using var v = new Volume([6, 6, 6], Affine.Identity);
        v[2, 2, 2] = 1;
        var (box, t) = Pruning.Prune(v, 4);
        using (box)
        using (var wrong = new Volume([5, 4, 4], Affine.Identity))
            Assert.Throws<InvalidInputException>(() => Pruning.Reverse(wrong, t));
    }
}

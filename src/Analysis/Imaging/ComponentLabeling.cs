
namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Connected components of a mask: a label per voxel (0 background, 1..Count numbered in order of first voxel in
/// x-fastest scan order) and per component its size, centroid (voxel coordinates) and bounding box.
/// Arrays are indexed by label − 1. The label image lives in a pooled buffer: Dispose returns it.
/// </summary>
public sealed class ComponentLabeling : IDisposable
{
    private int[]? _labels;
    private readonly int _voxels;

    internal ComponentLabeling((int X, int Y, int Z) shape, int[] labels, long[] sizes, (double X, double Y, double Z)[] centroids, BoundingBox[] boxes)
    {
        Shape = shape;
        _labels = labels;
        _voxels = shape.X * shape.Y * shape.Z;
        Sizes = sizes;
        Centroids = centroids;
        Boxes = boxes;
    }

    public (int X, int Y, int Z) Shape { get; }

    public int Count => Sizes.Length;

    /// <summary>Label per voxel, x fastest.</summary>
    public ReadOnlySpan<int> Labels => (_labels ?? throw new ObjectDisposedException(nameof(ComponentLabeling))).AsSpan(0, _voxels);

    public long[] Sizes { get; }

    public (double X, double Y, double Z)[] Centroids { get; }

    public BoundingBox[] Boxes { get; }

    /// <summary>A mask of the components with at least <paramref name="minSize"/> voxels.</summary>
    public byte[] MaskOfComponentsAtLeast(long minSize)
    {
        var keep = Sizes.Select(s => s >= minSize).ToArray();
        var labels = Labels;
        var mask = new byte[labels.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            var l = labels[i];
            if (l > 0 && keep[l - 1]) mask[i] = 1;
        }
        return mask;
    }

    /// <summary>The labels as an int32 volume on <paramref name="grid"/>'s spatial grid.</summary>
    public Volume ToVolume(Volume grid)
    {
        var v = new Volume([Shape.X, Shape.Y, Shape.Z], grid.Affine, VoxelType.Int32, [grid.Zooms[0], grid.Zooms[1], grid.Zooms[2]]);
        var d = v.Data;
        var labels = Labels;
        for (var i = 0; i < d.Length; i++) d[i] = labels[i];
        return v;
    }

    public void Dispose()
    {
        var l = Interlocked.Exchange(ref _labels, null);
        if (l is not null) LargeBuffers.Ints.Return(l);
    }
}

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Pruning as the original pipeline (xai4mri's <c>prune_mri</c> / <c>reverse_pruning</c>): cut the brain's
/// bounding box (voxels different from the background) and centre it in a box of a given size, padding with the
/// background; the reverse puts a box-shaped map back into the original grid. A brain larger than the box along
/// an axis is cut centrally (the original would fail); the transform records exactly what was kept.
/// </summary>
public static class Pruning
{
    /// <summary>Bounding box of the voxels that differ from <paramref name="background"/> in the first frame; null when there are none.</summary>
    public static BoundingBox? BrainBoundingBox(Volume volume, float background)
    {
        int nx = volume.Nx, ny = volume.Ny, nz = volume.Nz;
        var data = volume.Frame(0);
        int minX = int.MaxValue, minY = int.MaxValue, minZ = int.MaxValue, maxX = -1, maxY = -1, maxZ = -1;
        for (var z = 0; z < nz; z++)
            for (var y = 0; y < ny; y++)
            {
                var row = data.Slice(nx * (y + ny * z), nx);
                var first = row.IndexOfAnyExcept(background);
                if (first < 0) continue;
                var last = row.LastIndexOfAnyExcept(background);
                minX = Math.Min(minX, first); maxX = Math.Max(maxX, last);
                minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                minZ = Math.Min(minZ, z); maxZ = Math.Max(maxZ, z);
            }
        return maxX < 0 ? null : new BoundingBox(minX, minY, minZ, maxX, maxY, maxZ);
    }

    /// <summary>The background value the rule picks for this volume.</summary>
    public static float BackgroundOf(Volume volume, PruneBackground rule) =>
        rule == PruneBackground.Zero ? 0 : (float)VolumeStatistics.Of(volume.Frame(0)).Min;

    /// <summary>Prunes into a cube of side <paramref name="cube"/> (e.g. 198 at 1 mm, 98 at 2 mm).</summary>
    public static (Volume Box, PruneTransform Transform) Prune(Volume volume, int cube, PruneBackground background = PruneBackground.Minimum) =>
        Prune(volume, [cube, cube, cube], background);

    /// <summary>Prunes into a box of the given shape (e.g. SHIVA's 160×214×176); frames are carried along.</summary>
    public static (Volume Box, PruneTransform Transform) Prune(Volume volume, IReadOnlyList<int> boxShape, PruneBackground background = PruneBackground.Minimum)
    {
        if (boxShape.Count != 3 || boxShape.Any(d => d < 1))
            throw new InvalidInputException($"prune: box shape [{string.Join(", ", boxShape)}] must be three positive sizes");
        var bg = BackgroundOf(volume, background);
        var bbox = BrainBoundingBox(volume, bg) ?? new BoundingBox(0, 0, 0, volume.Nx - 1, volume.Ny - 1, volume.Nz - 1);
        int[] size = bbox.Size;
        int[] min = bbox.Min;
        var sourceStart = new int[3];
        var targetStart = new int[3];
        var extent = new int[3];
        for (var a = 0; a < 3; a++)
        {
            if (size[a] <= boxShape[a])
            {
                // Centre the brain: half of the rest before it (floor), as the original.
                extent[a] = size[a];
                sourceStart[a] = min[a];
                targetStart[a] = (boxShape[a] - size[a]) / 2;
            }
            else
            {
                extent[a] = boxShape[a];
                sourceStart[a] = min[a] + (size[a] - boxShape[a]) / 2;
                targetStart[a] = 0;
            }
        }
        var transform = new PruneTransform([volume.Nx, volume.Ny, volume.Nz], volume.Affine, [.. boxShape],
            sourceStart, targetStart, extent, bg);
        int[] shape = [boxShape[0], boxShape[1], boxShape[2], .. volume.Shape.Skip(3)];
        var box = new Volume(shape, transform.BoxAffine, volume.DataType, [.. volume.Zooms], volume.Metadata, clear: false);
        box.Data.Fill(bg);
        for (var t = 0; t < volume.Frames; t++)
            CopyBlock(volume.Frame(t), (volume.Nx, volume.Ny), sourceStart, box.Frame(t), (box.Nx, box.Ny), targetStart, extent);
        return (box, transform);
    }

    /// <summary>
    /// Puts a box-shaped map (e.g. relevance from the pruned input) back into the original grid; voxels outside
    /// the kept block get <paramref name="fill"/>.
    /// </summary>
    public static Volume Reverse(Volume boxMap, PruneTransform transform, float fill = 0)
    {
        if (boxMap.Nx != transform.BoxShape[0] || boxMap.Ny != transform.BoxShape[1] || boxMap.Nz != transform.BoxShape[2])
            throw new InvalidInputException(
                $"reverse prune: map shape [{boxMap.Nx}, {boxMap.Ny}, {boxMap.Nz}] differs from the pruned box [{string.Join(", ", transform.BoxShape)}]");
        var o = transform.OriginalShape;
        int[] shape = [o[0], o[1], o[2], .. boxMap.Shape.Skip(3)];
        var result = new Volume(shape, transform.OriginalAffine, boxMap.DataType, [.. boxMap.Zooms], boxMap.Metadata, clear: false);
        result.Data.Fill(fill);
        for (var t = 0; t < boxMap.Frames; t++)
            CopyBlock(boxMap.Frame(t), (boxMap.Nx, boxMap.Ny), transform.TargetStart, result.Frame(t), (o[0], o[1]), transform.SourceStart, transform.Extent);
        return result;
    }

    private static void CopyBlock(ReadOnlySpan<float> src, (int X, int Y) srcShape, int[] srcStart,
        Span<float> dst, (int X, int Y) dstShape, int[] dstStart, int[] extent)
    {
        for (var z = 0; z < extent[2]; z++)
            for (var y = 0; y < extent[1]; y++)
            {
                var s = srcStart[0] + srcShape.X * (srcStart[1] + y + srcShape.Y * (srcStart[2] + z));
                var d = dstStart[0] + dstShape.X * (dstStart[1] + y + dstShape.Y * (dstStart[2] + z));
                src.Slice(s, extent[0]).CopyTo(dst.Slice(d, extent[0]));
            }
    }
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// One resolution level of an image for registration: smoothed at full resolution (σ in voxels, as ANTs'
/// <c>--smoothing-sigmas …vox</c>), then shrunk by keeping every f-th voxel from the centre of each f-block (ITK's
/// ShrinkImageFilter), with the grid's affine adjusted so every kept voxel stays where it was. Only the kept voxels
/// are smoothed (<see cref="SmoothedShrink"/>).
/// </summary>
internal sealed class LevelImage
{
    private LevelImage(float[] data, ImageGrid grid, float min, float max)
    {
        Data = data;
        Grid = grid;
        Min = min;
        Max = max;
    }

    public float[] Data { get; }
    public ImageGrid Grid { get; }
    public float Min { get; }
    public float Max { get; }

    public static LevelImage Create(Volume volume, int shrink, double sigma)
    {
        var (nx, ny, nz) = volume.Shape3;
        var (mx, my, mz) = (Math.Max(1, nx / shrink), Math.Max(1, ny / shrink), Math.Max(1, nz / shrink));
        var offset = (shrink - 1) / 2;
        var (ox, oy, oz) = (Math.Min(offset, nx - 1), Math.Min(offset, ny - 1), Math.Min(offset, nz - 1));
        var data = shrink == 1 && sigma == 0
            ? volume.Frame(0).ToArray()
            : SmoothedShrink.Apply(volume.Memory[..volume.SpatialCount], (nx, ny, nz), sigma, shrink, (ox, oy, oz), (mx, my, mz));
        var affine = volume.Affine * Affine.Translation(ox, oy, oz) * Affine.Scaling(shrink, shrink, shrink);
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in data)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return new LevelImage(data, new ImageGrid(mx, my, mz, affine), min, max);
    }
}

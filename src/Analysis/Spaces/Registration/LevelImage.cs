using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// One resolution level of an image for registration: smoothed at full resolution (σ in voxels, as ANTs'
/// <c>--smoothing-sigmas …vox</c>), then shrunk by keeping every f-th voxel from the centre of each f-block (ITK's
/// ShrinkImageFilter), with the grid's affine adjusted so every kept voxel stays where it was.
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
        var smoothed = volume.Frame(0).ToArray();
        if (sigma > 0)
        {
            var scratch = new float[smoothed.Length];
            GaussianSmoothing.Smooth(smoothed, (nx, ny, nz), (sigma, sigma, sigma), 4.0, scratch);
        }
        var (mx, my, mz) = (Math.Max(1, nx / shrink), Math.Max(1, ny / shrink), Math.Max(1, nz / shrink));
        var offset = (shrink - 1) / 2;
        var (ox, oy, oz) = (Math.Min(offset, nx - 1), Math.Min(offset, ny - 1), Math.Min(offset, nz - 1));
        float[] data;
        if (shrink == 1) data = smoothed;
        else
        {
            data = new float[mx * my * mz];
            Parallel.For(0, mz, z =>
            {
                for (var y = 0; y < my; y++)
                    for (var x = 0; x < mx; x++)
                        data[x + mx * (y + my * z)] = smoothed[ox + shrink * x + nx * (oy + shrink * y + ny * (oz + shrink * z))];
            });
        }
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

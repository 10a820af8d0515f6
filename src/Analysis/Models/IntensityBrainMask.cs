using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// A brain mask found from a T1's intensities alone (for <c>brain_mask = "intensity"</c>), so every caller of
/// <see cref="BrainAgePreprocessor"/> strips the skull the same way without a segmentation: tissue brighter than
/// 35 % of the 99.5th percentile of non-zero voxels, eroded twice (cutting the thin bridges between brain and
/// scalp through the dark skull), its largest 6-connected component, dilated by three voxels (back to the brain's
/// edge plus the CSF over it, where a thinning cortex leaves its trace), closed by three and its holes filled
/// (ventricles, sulci). Morphology uses the 6-connected cross, counted in voxels of the grid given (tuned at 2 mm;
/// on simulated heads it keeps 99.7–99.9 % of the labelled brain, and adds a rim of about a tenth of its volume).
/// </summary>
public static class IntensityBrainMask
{
    public const double ThresholdFraction = 0.35;
    public const double ReferencePercentile = 99.5;
    public const int Erosions = 2;
    public const int Dilations = 3;
    public const int Closings = 3;

    /// <summary>1 inside the brain, 0 outside, over the first frame of <paramref name="image"/>.</summary>
    public static byte[] Compute(Volume image)
    {
        var shape = (image.Nx, image.Ny, image.Nz);
        var data = image.Frame(0);
        // numpy's percentile over non-zero voxels; an all-zero image gives NaN and so an empty mask.
        var threshold = ThresholdFraction * Percentile.Of(data, ReferencePercentile, PercentileScope.NonZero);
        var mask = new byte[data.Length];
        for (var i = 0; i < data.Length; i++) mask[i] = data[i] > threshold ? (byte)1 : (byte)0;
        if (!(threshold > 0)) return mask;

        mask = Morphology.Erode(mask, shape, Erosions);
        mask = LargestComponent(mask, shape);
        mask = Morphology.Dilate(mask, shape, Dilations + Closings);
        mask = Morphology.Erode(mask, shape, Closings);
        FillHoles(mask, shape);
        return mask;
    }

    private static byte[] LargestComponent(byte[] mask, (int X, int Y, int Z) shape)
    {
        using var labels = ConnectedComponents.Label(mask, shape, Connectivity.Six);
        var result = new byte[mask.Length];
        if (labels.Count == 0) return result;
        var largest = 0;
        for (var c = 1; c < labels.Count; c++)
            if (labels.Sizes[c] > labels.Sizes[largest]) largest = c;
        var keep = largest + 1;
        var ids = labels.Labels;
        for (var i = 0; i < result.Length; i++) result[i] = ids[i] == keep ? (byte)1 : (byte)0;
        return result;
    }

    /// <summary>Sets every background voxel not 6-connected to the grid's faces (a hole) to 1.</summary>
    private static void FillHoles(byte[] mask, (int X, int Y, int Z) shape)
    {
        var (nx, ny, nz) = shape;
        var outside = new bool[mask.Length];
        var queue = new Queue<int>();
        void Seed(int i)
        {
            if (mask[i] != 0 || outside[i]) return;
            outside[i] = true;
            queue.Enqueue(i);
        }
        for (var z = 0; z < nz; z++)
        for (var y = 0; y < ny; y++)
        for (var x = 0; x < nx; x++)
            if (x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1)
                Seed(x + nx * (y + ny * z));
        var plane = nx * ny;
        while (queue.TryDequeue(out var i))
        {
            int x = i % nx, y = i / nx % ny, z = i / plane;
            if (x > 0) Seed(i - 1);
            if (x < nx - 1) Seed(i + 1);
            if (y > 0) Seed(i - nx);
            if (y < ny - 1) Seed(i + nx);
            if (z > 0) Seed(i - plane);
            if (z < nz - 1) Seed(i + plane);
        }
        for (var i = 0; i < mask.Length; i++)
            if (!outside[i]) mask[i] = 1;
    }
}

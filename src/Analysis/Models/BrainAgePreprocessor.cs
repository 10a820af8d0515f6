using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models.Preprocessing;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// A <c>[models.&lt;name&gt;]</c> entry's preprocessing recipe (<see cref="PreprocessingRecipe"/>), step by step:
/// load (integers kept for <c>load = "dataobj"</c>), reorient (exact; or keep the stored axes), resample (to the
/// voxel size: trilinear as today, or scipy's zoom grid and spline orders), crop or pad to the box around the
/// recipe's centre, find the brain mask, normalise intensities (of the box, or of the whole image before the crop),
/// zero outside the mask. Returns the model-grid volume
/// and the record that maps model-grid maps back to the native grid. The defaults are the original pipeline's:
/// reorient, resample trilinearly, prune the brain's bounding box and centre it.
/// </summary>
public static class BrainAgePreprocessor
{
    /// <summary>Voxel sizes this close to the model's count as equal (no resampling), as stored affines are float32.</summary>
    private const double VoxelSizeTolerance = 1e-3;

    public static (Volume Input, PreprocessRecord Record) Run(Volume image, ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(model);
        FiniteVoxels.Require(image, $"the image given to {model.Entry}");
        var recipe = model.Recipe;
        var nativeCodes = Orientation.AxisCodes(image);
        // nibabel's dataobj of an unscaled integer file keeps its type, and scipy then rounds resampled values to it.
        VoxelType? integerType = recipe.Load == ArrayLoad.DataObj && image.DataType.IsInteger()
            && image.Metadata.ScaleSlope == 1 && image.Metadata.ScaleIntercept == 0 ? image.DataType : null;
        using var reoriented = recipe.Orientation is { } codes ? Orientation.Reorient(image, codes) : image.Clone();
        var (onGrid, resampled) = Resample(reoriented, model, integerType);
        Volume box;
        PruneTransform prune;
        using (onGrid)
        {
            if (recipe.NormaliseBeforeCrop) IntensityStep.Apply(onGrid, recipe);
            (box, prune) = BoxPlacement.Place(onGrid, recipe.Box, recipe.Crop, recipe.CropThreshold);
        }
        try
        {
            var brain = recipe.BrainMask == BrainMaskKind.Intensity ? IntensityBrainMask.Compute(box) : null;
            if (!recipe.NormaliseBeforeCrop) IntensityStep.Apply(box, recipe);
            if (brain is not null)
            {
                // Zero input outside the brain: no input×weight relevance can land on skull, scalp or air.
                var data = box.Frame(0);
                for (var i = 0; i < data.Length; i++)
                    if (brain[i] == 0) data[i] = 0;
            }
        }
        catch
        {
            box.Dispose();
            throw;
        }
        var record = new PreprocessRecord(
            [image.Nx, image.Ny, image.Nz], image.Affine, nativeCodes,
            [reoriented.Nx, reoriented.Ny, reoriented.Nz], reoriented.Affine, resampled, prune);
        return (box, record);
    }

    /// <summary>The model's input grid: the cube edge on all three axes, or the per-axis box.</summary>
    public static int[] ModelShape(ModelConfig model) => [.. model.Recipe.Box];

    private static (Volume OnGrid, bool Resampled) Resample(Volume reoriented, ModelConfig model, VoxelType? integerType)
    {
        var recipe = model.Recipe;
        switch (recipe.Resample)
        {
            case ResampleMode.None:
                return (reoriented.Clone(), false);
            case ResampleMode.Zoom:
                var factors = recipe.Zoom ?? throw new InvalidInputException($"{model.Entry}: resample = \"zoom\" needs zoom");
                return (SplineResampler.Zoom(reoriented, factors, recipe.Interpolation, integerType), true);
            case ResampleMode.VoxelSize:
                var voxelSize = recipe.VoxelSize ?? throw new InvalidInputException($"{model.Entry}: resample = \"voxel_size\" needs voxel_size");
                if (reoriented.Zooms.Take(3).All(z => Math.Abs(z - voxelSize) <= VoxelSizeTolerance)) return (reoriented.Clone(), false);
                var (shape, steps) = VoxelSizeGrid(reoriented, voxelSize);
                return recipe.Interpolation == InterpolationOrder.Linear && integerType is null
                    ? (Resampler.Resample(reoriented, shape, reoriented.Affine * Affine.Scaling(steps[0], steps[1], steps[2])), true)
                    : (SplineResampler.Resample(reoriented, shape, steps, recipe.Interpolation, integerType), true);
            default:
                throw new ArgumentOutOfRangeException(nameof(model), recipe.Resample, "not a resample mode");
        }
    }

    /// <summary>The same field of view at <paramref name="voxelSize"/> mm, axes and origin kept: shape round(n · zoom / size), step size / zoom.</summary>
    private static (int[] Shape, double[] Steps) VoxelSizeGrid(Volume v, double voxelSize)
    {
        int[] n = [v.Nx, v.Ny, v.Nz];
        var shape = new int[3];
        var steps = new double[3];
        for (var a = 0; a < 3; a++)
        {
            shape[a] = Math.Max(1, (int)Math.Round(n[a] * v.Zooms[a] / voxelSize));
            steps[a] = voxelSize / v.Zooms[a];
        }
        return (shape, steps);
    }
}

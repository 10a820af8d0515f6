using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Preprocessing as the original pipeline, driven by a <c>[models.&lt;name&gt;]</c> entry: reorient to the model's
/// orientation (exact), resample to its voxel size when the image's differs (trilinear, same field of view), prune
/// the brain's bounding box (background = the volume's minimum) and centre it in the model's cube or box, then
/// normalise (<c>unit</c>: clip at a percentile of brain or all voxels, then [0, 1]; <c>unit_inverted</c>: the
/// same scaled to [1, 0], so dark voxels (CSF on T1) carry large inputs; <c>uint8</c>: [0, 255]; <c>none</c>). Returns the model-grid volume and the record that maps back.
/// </summary>
public static class BrainAgePreprocessor
{
    public static (Volume Input, PreprocessRecord Record) Run(Volume image, ModelConfig model)
    {
        FiniteVoxels.Require(image, $"the image given to models.{model.Name}");
        var shape = ModelShape(model);
        var nativeCodes = Orientation.AxisCodes(image);
        using var reoriented = Orientation.Reorient(image, model.Orientation);
        var resample = reoriented.Zooms.Take(3).Any(z => Math.Abs(z - model.VoxelSize) > 1e-3);
        using var onGrid = resample ? ToVoxelSize(reoriented, model.VoxelSize) : reoriented.Clone();
        var (box, prune) = Pruning.Prune(onGrid, shape, PruneBackground.Minimum);
        try
        {
            var brain = model.BrainMask == "intensity" ? IntensityBrainMask.Compute(box) : null;
            Normalise(box, model);
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
            [reoriented.Nx, reoriented.Ny, reoriented.Nz], reoriented.Affine, resample, prune);
        return (box, record);
    }

    /// <summary>The model's input grid: the cube edge on all three axes, or the per-axis box.</summary>
    public static int[] ModelShape(ModelConfig model) =>
        model.Box is { } b ? [.. b] : model.Cube is { } c ? [c, c, c]
        : throw new InvalidInputException($"models.{model.Name}: neither cube nor box is set");

    private static void Normalise(Volume box, ModelConfig model)
    {
        var scope = model.ClipScope == "volume" ? PercentileScope.All : PercentileScope.NonZero;
        switch (model.Normalisation)
        {
            case "unit":
                if (model.ClipPercentile is { } p) Normalisation.ClipAtPercentile(box, p, scope);
                Normalisation.MinMaxScale(box);
                break;
            case "unit_inverted":
                // Input×weight relevance rules give a voxel relevance in proportion to its input value; with the
                // contrast inverted, CSF (what replaces tissue as a brain ages) is no longer mapped to zero.
                if (model.ClipPercentile is { } r) Normalisation.ClipAtPercentile(box, r, scope);
                Normalisation.MinMaxScale(box, 1, 0);
                break;
            case "uint8":
                if (model.ClipPercentile is { } q) Normalisation.ClipAtPercentile(box, q, scope);
                Normalisation.ToUInt8(box);
                break;
            case "none":
                break;
            default:
                throw new InvalidInputException($"models.{model.Name}.normalisation: \"{model.Normalisation}\"; expected \"unit\", \"unit_inverted\", \"uint8\" or \"none\"");
        }
    }

    /// <summary>The same field of view at <paramref name="voxelSize"/> mm, axes and origin kept.</summary>
    private static Volume ToVoxelSize(Volume v, double voxelSize)
    {
        var values = v.Affine.ToArray();
        double[] zooms = [v.Zooms[0], v.Zooms[1], v.Zooms[2]];
        int[] n = [v.Nx, v.Ny, v.Nz];
        var shape = new int[3];
        for (var c = 0; c < 3; c++)
        {
            shape[c] = Math.Max(1, (int)Math.Round(n[c] * zooms[c] / voxelSize));
            for (var r = 0; r < 3; r++) values[r * 4 + c] *= voxelSize / zooms[c];
        }
        return Resampler.Resample(v, shape, new Affine(values));
    }
}

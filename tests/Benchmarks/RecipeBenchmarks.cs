using BenchmarkDotNet.Attributes;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Models.Preprocessing;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// Preprocessing recipes on a 256³ uint8 IXI brain, the same work as reference/recipe_reference_timing.py: scipy's
/// cubic zoom by 0.5 of the uint8 array (prefilter, spline, rounding), and the whole tf2onnx-kind recipe (zoom,
/// slice-sum crop to 82 × 100 × 86, raw intensities).
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*RecipeBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class RecipeBenchmarks
{
    private Volume _brain = null!;

    private static readonly ModelConfig Tf2Onnx = new("tf2onnx", "t1", [],
        new PreprocessingRecipe
        {
            Load = ArrayLoad.DataObj,
            Orientation = null,
            Resample = ResampleMode.Zoom,
            Zoom = [0.5, 0.5, 0.5],
            Interpolation = InterpolationOrder.Cubic,
            Box = [82, 100, 86],
            Crop = CropCentre.SliceSums,
            CropThreshold = 1000,
            Normalisation = IntensityNormalisation.Raw,
        },
        ModelHead.Mean, new ModelOutput(OutputKind.Affine, Offset: 22));

    [GlobalSetup]
    public void Setup() => _brain = VolumeFile.Read(Path.Combine(SharedData(), "ixi", "IXI013-HH-1212-T1__brain.nii.gz"));

    [GlobalCleanup]
    public void Cleanup() => _brain.Dispose();

    [Benchmark(Description = "zoom 0.5 cubic, uint8 256³ → 128³ (ndimage.zoom order=3)")]
    public int ZoomCubic()
    {
        using var zoomed = SplineResampler.Zoom(_brain, [0.5, 0.5, 0.5], InterpolationOrder.Cubic, VoxelType.UInt8);
        return zoomed.VoxelCount;
    }

    [Benchmark(Description = "tf2onnx recipe: zoom, slice-sum crop, raw")]
    public int Tf2OnnxRecipe()
    {
        var (input, _) = BrainAgePreprocessor.Run(_brain, Tf2Onnx);
        using (input) return input.VoxelCount;
    }

    /// <summary>../shared/data: RELEVANCERELATED_SHARED_DATA, else the nearest ancestor holding shared/data.</summary>
    private static string SharedData()
    {
        if (Environment.GetEnvironmentVariable("RELEVANCERELATED_SHARED_DATA") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "ixi"))) return candidate;
        }
        throw new DirectoryNotFoundException("shared/data not found; set RELEVANCERELATED_SHARED_DATA");
    }
}

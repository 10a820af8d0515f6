using BenchmarkDotNet.Attributes;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// Imaging hot paths on a 256³ uint8 IXI brain (the same work as `relevancerelated bench imaging` and
/// reference/imaging_reference_timing.py): load, 26-connected labelling, trilinear rotation, plus reorientation
/// and dilation of a FreeSurfer volume, and the non-finite guard and statistics (reference/nonfinite_reference_timing.py).
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*ImagingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class ImagingBenchmarks
{
    private string _ixi = "";
    private Volume _brain = null!;
    private Volume _bert = null!;
    private byte[] _mask = [];
    private float[] _output = [];
    private Affine _rotation = Affine.Identity;

    [GlobalSetup]
    public void Setup()
    {
        var data = SharedData();
        _ixi = Path.Combine(data, "ixi", "IXI013-HH-1212-T1__brain.nii.gz");
        _brain = VolumeFile.Read(_ixi);
        _bert = VolumeFile.Read(Path.Combine(data, "freesurfer", "bert", "mri", "aseg.mgz"));
        var threshold = (float)Percentile.Of(_brain.Data, 99.5, PercentileScope.NonZero);
        _mask = BinaryMask.Threshold(_brain.Data, threshold);
        _output = new float[_brain.SpatialCount];
        double c = Math.Cos(0.1), s = Math.Sin(0.1);
        _rotation = new Affine([c, -s, 0, 3, s, c, 0, 4, 0, 0, 1, 5, 0, 0, 0, 1]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _brain.Dispose();
        _bert.Dispose();
    }

    [Benchmark(Description = "load .nii.gz 256³ uint8 → float32")]
    public int Load()
    {
        using var v = VolumeFile.Read(_ixi);
        return v.VoxelCount;
    }

    [Benchmark(Description = "label 26-connected (mask > p99.5 non-zero)")]
    public int Label26()
    {
        using var labeling = ConnectedComponents.Label(_mask, _brain.Shape3, Connectivity.TwentySix);
        return labeling.Count;
    }

    [Benchmark(Description = "trilinear rotation 0.1 rad + (3,4,5)")]
    public float ResampleRotation()
    {
        Resampler.Transform(_brain.Memory, _brain.Shape3, _output, _brain.Shape3, _rotation, Interpolation.Linear);
        return _output[_output.Length / 2];
    }

    [Benchmark(Description = "finite check 256³ (the models' NaN/Inf guard)")]
    public int FiniteCheck()
    {
        FiniteVoxels.Require(_brain, "the IXI brain");
        return _brain.VoxelCount;
    }

    [Benchmark(Description = "nan-statistics 256³ (volume info: nansum/min/max/mean, nonzero, NaN/±inf counts)")]
    public double NanStatistics() => VolumeStatistics.Of(_brain.Data).Mean;

    [Benchmark(Description = "reorient bert LIA → RAS")]
    public int ReorientToRas()
    {
        using var r = Orientation.Reorient(_bert, "RAS");
        return r.VoxelCount;
    }

    [Benchmark(Description = "dilate mask ×2 (6-connected cross)")]
    public int Dilate2() => Morphology.Dilate(_mask, _brain.Shape3, 2).Length;

    [Benchmark(Description = "percentile 99.5 of non-zero voxels")]
    public double Percentile995() => Percentile.Of(_brain.Data, 99.5, PercentileScope.NonZero);

    /// <summary>../shared/data: RELEVANCERELATED_SHARED_DATA, else the nearest ancestor holding shared/data.</summary>
    internal static string SharedData()
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

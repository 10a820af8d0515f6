using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// Frangi vesselness on a 256³ uint8 IXI T1 with scikit-image's parameters (σ 0.5, 1, 1.5 mm, α = β = 0.5,
/// c = 15, dark tubes), over the whole volume (the same work as skimage.filters.frangi in
/// reference/frangi_reference_timing.py) and restricted to the brain (non-zero voxels), as the pvs verb runs it.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*FrangiBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FrangiBenchmarks
{
    private static readonly FrangiOptions SkimageParameters = new() { SigmasMm = [0.5, 1.0, 1.5], Alpha = 0.5, Beta = 0.5, C = 15 };
    private Volume _brain = null!;
    private byte[] _mask = [];

    [GlobalSetup]
    public void Setup()
    {
        _brain = VolumeFile.Read(Path.Combine(SharedData(), "ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        _mask = BinaryMask.NonZero(_brain.Data);
    }

    [GlobalCleanup]
    public void Cleanup() => _brain.Dispose();

    [Benchmark(Description = "frangi 256³, every voxel (as skimage)")]
    public float Whole()
    {
        using var v = FrangiFilter.Apply(_brain, SkimageParameters);
        return v[128, 128, 128];
    }

    [Benchmark(Description = "frangi 256³, brain mask")]
    public float Brain()
    {
        using var v = FrangiFilter.Apply(_brain, SkimageParameters, _mask);
        return v[128, 128, 128];
    }

    private static string SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("../shared/data not found above the benchmark's directory");
    }
}

using BenchmarkDotNet.Attributes;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Registration;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// Spaces hot paths on a 256³ IXI brain: moving it through a displacement field then an affine (linear and
/// label-aware). `relevancerelated bench spaces` times the whole verbs, registration included, against ITK and
/// elastix. Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*SpacesBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class SpacesBenchmarks
{
    private Volume _brain = null!;
    private ImageGrid _grid = null!;
    private TransformChain _chain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _brain = VolumeFile.Read(Path.Combine(ImagingBenchmarks.SharedData(), "ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        _grid = ImageGrid.Of(_brain);
        var centre = CentreOfMass.Of(_brain);
        var vectors = new float[3 * _grid.VoxelCount];
        for (var i = 0; i < _grid.VoxelCount; i++) (vectors[3 * i], vectors[3 * i + 1], vectors[3 * i + 2]) = (1.5f, -2f, 0.5f);
        _chain = new TransformChain([new DisplacementFieldTransform(_grid, vectors), LinearTransform.Euler(8, -3, 5, (4, -6, 3), centre)]);
    }

    [GlobalCleanup]
    public void Cleanup() => _brain.Dispose();

    [Benchmark(Description = "move 256³ through field + affine, linear")]
    public int MoveLinear()
    {
        using var moved = VolumeMover.Move(_brain, _grid, _chain, SpatialInterpolation.Linear);
        return moved.Volume.VoxelCount;
    }

    [Benchmark(Description = "move 256³ through field + affine, label")]
    public int MoveLabel()
    {
        using var moved = VolumeMover.Move(_brain, _grid, _chain, SpatialInterpolation.Label);
        return moved.Volume.VoxelCount;
    }
}

using BenchmarkDotNet.Attributes;
using RelevanceRelated.Analysis.Simulation;

namespace RelevanceRelated.Benchmarks;

/// <summary>Simulating one subject in memory (anatomy, labels at two ages, PVS, lesions, T1 and FLAIR) at 2 mm and 1 mm.</summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private static readonly SubjectSpec Spec = new("sub-001", 70, Sex.Female, 1, 0);

    [Params(2.0, 1.0)]
    public double VoxelSize { get; set; }

    private SimulationGrid _grid = SimulationGrid.OneMillimetre;

    [GlobalSetup]
    public void Setup() => _grid = new SimulationGrid(VoxelSize);

    [Benchmark]
    public int SimulateSubject() => SubjectSimulator.Simulate(Spec, _grid).AgeEffectMask.Length;
}

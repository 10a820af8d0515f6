using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Analyses.Pvs;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// The published analyses' hot paths. (1) One subject's PVS tables at FreeSurfer's 256³: both PVS models' masks
/// (threshold, 6-connected cluster filter) and the 20 tables of the --pvs and --pvs_only_border sweeps (dilations,
/// borders, basal-ganglia restriction, 13 metrics each); reference/pvs_sweep_timing.py does the same with numpy/scipy on
/// maps from the same integer formulas. (2) The CS statistics of gm_cortical_surface_plots.R for 2,000 subjects × 68
/// regions; reference/cortical-benchmark.R times the original script's loop on a table of the same shape.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*AnalysesBenchmarks*'
/// </summary>
[Config(typeof(AnalysesBenchmarks.Config))]
[MemoryDiagnoser]
public class AnalysesBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1)
            .WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private const int N = 256;
    private static readonly PvsParams Parameters = new(Threshold: 0.5, ClusterSize: 5, DilateBy: 1, BasalGangliaDilateMaskBy: 5);
    private Volume _t1Probability = null!, _t1FlairProbability = null!;
    private float[] _t1Relevance = null!, _flairRelevance = null!, _basalGanglia = null!;
    private IReadOnlyList<CorticalRow> _cortical = null!;

    [GlobalSetup]
    public void Setup()
    {
        _t1Probability = Volume.FromData(Probability(2654435761, 0), [N, N, N], Affine.Identity);
        _t1FlairProbability = Volume.FromData(Probability(2246822519, 2), [N, N, N], Affine.Identity);
        _t1Relevance = Relevance(3266489917);
        _flairRelevance = Relevance(668265263);
        _basalGanglia = BasalGanglia();
        _cortical = CorticalCohortOf(2000);
    }

    [Benchmark(Description = "PVS: one subject's 20 sweep and border tables at 256³")]
    public int PvsSubjectSweep()
    {
        var maps = new PvsSubjectMaps((N, N, N),
            new Dictionary<PvsModelInput, byte[]>
            {
                [PvsModelInput.T1] = PvsSubject.Clusters(_t1Probability, Parameters),
                [PvsModelInput.T1Flair] = PvsSubject.Clusters(_t1FlairProbability, Parameters),
            },
            new Dictionary<RelevanceSequence, ReadOnlyMemory<float>> { [RelevanceSequence.T1] = _t1Relevance, [RelevanceSequence.Flair] = _flairRelevance },
            new Dictionary<RelevanceSequence, double> { [RelevanceSequence.T1] = 60, [RelevanceSequence.Flair] = 61 },
            _basalGanglia, 58);
        IReadOnlyList<PvsConfiguration> configurations =
            [.. PvsSweeps.Sweep(Parameters.DilateBy, Parameters.BasalGangliaDilateMaskBy), .. PvsSweeps.BorderSweep(Parameters.BasalGangliaDilateMaskBy)];
        return PvsSubject.Rows("sub-01", configurations, maps).Count;
    }

    [Benchmark(Description = "CS statistics (gm_cortical_surface_plots.R): 2,000 subjects × 68 regions")]
    public int CorticalStatistics() => CorticalCohort.Run(CorticalAtlas.DesikanKilliany, _cortical, 0.05).GrayMatterVolume.Count;

    private static uint Hash(int i, ulong multiplier) => (uint)((ulong)i * multiplier % 4294967296UL);

    /// <summary>Sparse salt (1 voxel in 97 may pass 0.5) and a grid of straight tubes, as the Python peer builds it.</summary>
    internal static float[] Probability(ulong multiplier, int shift)
    {
        var p = new float[N * N * N];
        Parallel.For(0, N, z =>
        {
            for (var y = 0; y < N; y++)
            for (var x = 0; x < N; x++)
            {
                var i = x + N * (y + N * z);
                var h = Hash(i, multiplier);
                var tube = (x % 16 == shift && y % 16 == 7) || (y % 24 == 20 && z % 24 == 10 + shift);
                p[i] = tube ? 0.9f : h % 97 == 0 ? (float)(h % 1000) / 1000f : 0f;
            }
        });
        return p;
    }

    internal static float[] Relevance(ulong multiplier)
    {
        var r = new float[N * N * N];
        Parallel.For(0, N * N, row =>
        {
            for (var i = row * N; i < (row + 1) * N; i++)
            {
                var h = Hash(i, multiplier);
                r[i] = h % 5 == 0 ? 0f : (float)((long)(h % 2001) - 1000) / 1e6f;
            }
        });
        return r;
    }

    internal static float[] BasalGanglia()
    {
        var b = new float[N * N * N];
        for (var z = 0; z < N; z++)
        for (var y = 0; y < N; y++)
        for (var x = 0; x < N; x++)
        {
            var d2 = (x - 128) * (x - 128) + (y - 128) * (y - 128) + (z - 128) * (z - 128);
            b[x + N * (y + N * z)] = (float)Math.Clamp(2500 - d2, 0, 2500) / 2500f;
        }
        return b;
    }

    private static IReadOnlyList<CorticalRow> CorticalCohortOf(int subjects)
    {
        var random = new Random(7);
        var rows = new List<CorticalRow>(subjects * 68);
        for (var s = 0; s < subjects; s++)
        for (var h = 0; h < 2; h++)
        for (var region = 0; region < 34; region++)
        {
            var gmv = 2000 + 8000 * random.NextDouble();
            rows.Add(new CorticalRow(h == 0 ? "left" : "right", $"region{region}", 3000, 2000, gmv, 2 + random.NextDouble(), 0.5, 0.1, 0.02, 20, 2,
                $"sub-{s:D5}", "lh.aparc.stats", 1001 + region, 0, 1e-6 * gmv + 0.002 * random.NextDouble(), 0, 0, 50, 52));
        }
        return rows;
    }
}

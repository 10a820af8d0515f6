using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Demo;

/// <summary>
/// Builds the demo brain-age sub-ensemble <c>demo_t1</c>: simulates a training cohort at 2 mm, preprocesses each
/// T1 exactly as the <c>brainage</c> verb does (<see cref="BrainAgePreprocessor"/> with the entry written here),
/// extracts each base model's designed convolutional features (<see cref="DemoNetwork"/>, run by ONNX Runtime),
/// fits each base model's readout by ridge regression (over <see cref="DemoNetwork.Summarise"/>'s per-channel totals)
/// on the training cohort and calibrates it on its exact leave-one-out readouts (<see cref="ReadoutCalibration"/>),
/// fits the linear head over the base models' calibrated leave-one-out predictions, writes the ONNX files, demo.config.toml and
/// demo.metrics.json, and measures MAE and Pearson r of the written ensemble, run by <see cref="BrainAgeEnsemble"/>
/// as the brainage verb runs it, on a held-out test cohort.
/// </summary>
public static class DemoModelBuilder
{
    public const string ModelName = "demo_t1";
    public const string ConfigFileName = "demo.config.toml";
    public const string MetricsFileName = "demo.metrics.json";

    /// <summary>The design's version, recorded in the metrics file; <see cref="DemoModel"/> rebuilds a cache of another version.
    /// 2: centre–surround detectors and the inverted input. 3: skull-stripped input (brain_mask = "intensity").
    /// 4: each base model's readout calibrated by a piecewise-linear map in its hidden layer (<see cref="ReadoutCalibration"/>).</summary>
    public const int BuildVersion = 4;

    /// <summary>The entry's preprocessing: the simulation's LIA orientation, 2 mm, 98³, clipping at the brain's 99.5th percentile, then inverted to [1, 0] (CSF high; see <see cref="DemoNetwork"/>).</summary>
    public static ModelConfig Preprocessing(IReadOnlyList<string> files, double intercept = 0, IReadOnlyList<double>? weights = null) =>
        new(ModelName, "t1", files,
            new PreprocessingRecipe
            {
                Orientation = "LIA",
                VoxelSize = 2.0,
                Box = [DemoNetwork.Cube, DemoNetwork.Cube, DemoNetwork.Cube],
                Normalisation = IntensityNormalisation.UnitInverted,
                ClipPercentile = 99.5,
                ClipScope = PercentileScope.NonZero,
                BrainMask = BrainMaskKind.Intensity,
            },
            weights is null ? ModelHead.Mean : new ModelHead(HeadKind.Linear, intercept, weights),
            ModelOutput.Identity);

    public static DemoBuildResult Build(string outDirectory, DemoBuildOptions options, Action<string>? log = null)
    {
        if (options.TrainingSubjects < 8) throw new InvalidInputException($"build-demo: expected at least 8 training subjects, got {options.TrainingSubjects}");
        if (options.BaseModels < 1) throw new InvalidInputException($"build-demo: expected at least 1 base model, got {options.BaseModels}");
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outDirectory);
        var preprocessing = Preprocessing([]);
        var seeds = Enumerable.Range(0, options.BaseModels).Select(options.NetworkSeed).ToArray();

        // 1. Training cohort → features of every base model.
        var training = CohortSimulator.Participants(options.TrainingSubjects, options.TrainingCohortSeed, options.MinAge, options.MaxAge);
        var features = new float[seeds.Length][][];
        for (var m = 0; m < seeds.Length; m++) features[m] = new float[training.Count][];
        using (var extractors = new FeatureExtractors(seeds))
        {
            var done = 0;
            Parallel.For(0, training.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var subject = SubjectSimulator.Simulate(training[i], SimulationGrid.TwoMillimetre, withFlair: false);
                using var t1 = subject.T1Volume();
                var (box, _) = BrainAgePreprocessor.Run(t1, preprocessing);
                using (box)
                {
                    var perModel = extractors.Extract(box);
                    for (var m = 0; m < seeds.Length; m++) features[m][i] = DemoNetwork.Summarise(perModel[m]);
                }
                var count = Interlocked.Increment(ref done);
                if (count % 20 == 0 || count == training.Count) log?.Invoke($"training features {count}/{training.Count} ({clock.Elapsed.TotalSeconds:0}s)");
            });
        }
        var ages = training.Select(p => p.Age).ToArray();

        // 2. Base readouts on every training subject; the head on their exact leave-one-out predictions, so it
        // weighs the base models by how they predict subjects they were not fitted on.
        var files = new List<string>();
        var validationPredictions = new double[training.Count][];
        for (var v = 0; v < training.Count; v++) validationPredictions[v] = new double[seeds.Length];
        for (var m = 0; m < seeds.Length; m++)
        {
            var fit = RidgeRegression.Fit(features[m], ages);
            var calibration = ReadoutCalibration.Fit(fit.LeaveOneOutPredictions, ages);
            for (var v = 0; v < training.Count; v++) validationPredictions[v][m] = calibration.Apply(fit.LeaveOneOutPredictions[v]);
            var calibratedRmse = Math.Sqrt(validationPredictions.Select((p, v) => Math.Pow(p[m] - ages[v], 2)).Average());
            log?.Invoke($"base model {m}: ridge λ = {fit.Lambda:g3}, leave-one-out RMSE {fit.LeaveOneOutRmse:0.00} years, calibrated {calibratedRmse:0.00}");
            var file = $"{ModelName}_{m}.onnx";
            var bytes = DemoNetwork.Build(seeds[m], DemoNetwork.ExpandReadout(fit.Weights), fit.Intercept, calibration).ToByteArray();
            AtomicFile.Write(Path.Combine(outDirectory, file), s => s.Write(bytes));
            files.Add(file);
        }
        var (intercept, weights) = LinearHead.Fit(validationPredictions, ages);
        var configFile = Path.Combine(outDirectory, ConfigFileName);
        WriteText(configFile, Toml(files, intercept, weights, options));
        log?.Invoke($"head: intercept {intercept:0.###}, weights [{string.Join(", ", weights.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture)))}]");

        // 3. The written ensemble (the entry demo.config.toml holds, with absolute paths) on the held-out test cohort.
        var config = Preprocessing(files.Select(f => Path.GetFullPath(Path.Combine(outDirectory, f))).ToArray(), intercept, weights);
        var test = CohortSimulator.Participants(options.TestSubjects, options.TestCohortSeed, options.MinAge, options.MaxAge);
        var predicted = new double[test.Count];
        var basePredicted = new double[test.Count][];
        using (var ensemble = BrainAgeEnsemble.Load(config))
        {
            Parallel.For(0, test.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var subject = SubjectSimulator.Simulate(test[i], SimulationGrid.TwoMillimetre, withFlair: false);
                using var t1 = subject.T1Volume();
                using var run = ensemble.Run(t1, test[i].Age);
                predicted[i] = run.Prediction.Ensemble;
                basePredicted[i] = [.. run.Prediction.BaseModels];
            });
        }
        var testAges = test.Select(p => p.Age).ToArray();
        var mae = predicted.Select((p, i) => Math.Abs(p - testAges[i])).Average();
        var r = PearsonCorrelation.Coefficient(predicted, testAges);
        var trainingMean = ages.Average();
        var trivial = testAges.Select(a => Math.Abs(a - trainingMean)).Average();
        var baseMae = Enumerable.Range(0, seeds.Length).Select(m => test.Select((_, i) => Math.Abs(basePredicted[i][m] - testAges[i])).Average()).ToArray();
        var seconds = clock.Elapsed.TotalSeconds;
        var metricsFile = Path.Combine(outDirectory, MetricsFileName);
        var metrics = new SortedDictionary<string, object>
        {
            ["model"] = ModelName,
            ["build_version"] = BuildVersion,
            ["seed"] = options.Seed,
            ["training_cohort_seed"] = options.TrainingCohortSeed,
            ["test_cohort_seed"] = options.TestCohortSeed,
            ["age_range"] = new[] { options.MinAge, options.MaxAge },
            ["fit_subjects"] = training.Count,
            ["head_subjects"] = training.Count,
            ["test_subjects"] = test.Count,
            ["test_mae"] = mae,
            ["test_pearson_r"] = r,
            ["test_mae_trivial"] = trivial,
            ["base_model_test_mae"] = baseMae,
            ["build_seconds"] = seconds,
        };
        WriteText(metricsFile, JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n");
        return new DemoBuildResult(configFile, metricsFile, files.Select(f => Path.Combine(outDirectory, f)).ToArray(), mae, r, trivial, baseMae,
            training.Count, training.Count, test.Count, seconds);
    }

    private static string Toml(IReadOnlyList<string> files, double intercept, IReadOnlyList<double> weights, DemoBuildOptions options)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var m = Preprocessing(files, intercept, weights).Recipe;
        var b = new StringBuilder();
        b.Append("# Demo brain-age sub-ensemble, built by `relevancerelated model build-demo --seed ").Append(options.Seed).Append("`:\n");
        b.Append("# designed MRInet-topology convolutions, ridge-fitted and calibrated readouts, linear head (see DemoModelBuilder).\n");
        b.Append("[models.").Append(ModelName).Append("]\n");
        b.Append("sequence = \"t1\"\n");
        b.Append("files = [").Append(string.Join(", ", files.Select(f => $"\"{f}\""))).Append("]\n");
        b.Append("orientation = \"").Append(m.Orientation).Append("\"\n");
        b.Append("voxel_size = ").Append(N(m.VoxelSize!.Value)).Append('\n');
        b.Append("cube = ").Append(m.Box[0]).Append('\n');
        b.Append("normalisation = \"").Append(ModelOptionNames.Normalisation.NameOf(m.Normalisation)).Append("\"\n");
        b.Append("clip_percentile = ").Append(N(m.ClipPercentile!.Value)).Append('\n');
        b.Append("clip_scope = \"").Append(ModelOptionNames.ClipScope.NameOf(m.ClipScope)).Append("\"\n");
        b.Append("brain_mask = \"").Append(ModelOptionNames.BrainMask.NameOf(m.BrainMask)).Append("\"\n");
        b.Append("head = \"linear\"\n");
        b.Append("intercept = ").Append(N(intercept)).Append('\n');
        b.Append("weights = [").Append(string.Join(", ", weights.Select(N))).Append("]\n");
        b.Append("output = \"identity\"\n");
        return b.ToString();
    }

    private static void WriteText(string path, string text) =>
        AtomicFile.Write(path, s => s.Write(new UTF8Encoding(false).GetBytes(text)));

    /// <summary>One ONNX Runtime session per base model's feature extractor, single-threaded (subjects run in parallel).</summary>
    private sealed class FeatureExtractors : IDisposable
    {
        private readonly List<(InferenceSession Session, VolumeTensorLayout Layout)> _sessions = [];

        public FeatureExtractors(IEnumerable<int> seeds)
        {
            foreach (var seed in seeds)
            {
                using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
                var session = new InferenceSession(DemoNetwork.FeatureExtractor(seed), options);
                int[] cube = [DemoNetwork.Cube, DemoNetwork.Cube, DemoNetwork.Cube];
                _sessions.Add((session, VolumeTensorLayout.Detect(session, $"models.{ModelName}", $"seed {seed}", 1, cube)));
            }
        }

        public float[][] Extract(Volume box)
        {
            var data = new[] { box.Frame(0).ToArray() };
            var result = new float[_sessions.Count][];
            for (var m = 0; m < _sessions.Count; m++)
            {
                var (session, layout) = _sessions[m];
                using var outputs = session.Run([layout.CreateInput(data)]);
                result[m] = outputs.First(o => o.Name == "features").AsTensor<float>().ToArray();
            }
            return result;
        }

        public void Dispose()
        {
            foreach (var (session, _) in _sessions) session.Dispose();
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Files;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>bench spaces --input BRAIN</c>: times moving a 1 mm brain through a displacement field and an affine, and rigid
/// MI registration recovering a known transform; with <c>--itk</c> (tests/reference/itk's program) and
/// <c>--elastix</c> the peers run on the same files, back to back, and their times, ratios and registration errors are
/// printed.
/// </summary>
public static class BenchSpacesCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "A 1 mm brain, e.g. ../shared/data/ixi/IXI013-HH-1212-T1__brain.nii.gz (256³).", Required = true };
        var repeats = new Option<int>("--repeats") { Description = "Runs of the transform benchmark (median; default 3).", DefaultValueFactory = _ => 3 };
        var itk = new Option<string?>("--itk") { Description = "The ITK reference program (tests/reference/itk, built with cmake): also time ITK's ResampleImageFilter." };
        var elastix = new Option<bool>("--elastix") { Description = "Also register with elastix (Debian elastix; EulerTransform, Mattes MI, 4 levels) and compare." };
        var work = new Option<string?>("--work") { Description = "Directory for the generated inputs (default: a temporary one, removed afterwards)." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var cmd = new Command("spaces", "Time volume transform (field + affine) and rigid MI registration, optionally against ITK and elastix.");
        foreach (var o in new Option[] { input, repeats, itk, elastix, work, json }) cmd.Options.Add(o);
        cmd.SetAction((parse, cancellationToken) =>
        {
            var n = parse.GetValue(repeats);
            if (n < 1) throw new InvalidInputException($"--repeats: {n}; expected 1 or more");
            var itkPath = parse.GetValue(itk);
            if (itkPath is not null && !File.Exists(itkPath)) throw new InvalidInputException($"--itk: {itkPath} does not exist (build tests/reference/itk with cmake)");
            var directory = parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), $"rr-bench-spaces-{Guid.NewGuid():N}");
            var temporary = parse.GetValue(work) is null;
            try
            {
                var result = Run(parse.GetValue(input)!, directory, n, itkPath, parse.GetValue(elastix), cancellationToken);
                var output = parse.InvocationConfiguration.Output;
                if (parse.GetValue(json)) output.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                else
                    foreach (var (key, value) in result)
                        output.WriteLine($"{key,-34} {(value is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("G4", CultureInfo.InvariantCulture) : value?.ToJsonString())}");
            }
            finally
            {
                if (temporary && Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            }
            return Task.FromResult(ExitCodes.Success);
        });
        return cmd;
    }

    private static JsonObject Run(string input, string directory, int repeats, string? itk, bool elastix, CancellationToken cancellationToken)
    {
        var bench = SpacesBenchmark.Prepare(input, directory);
        var result = new JsonObject { ["input"] = input, ["threads"] = Environment.ProcessorCount, ["load_average"] = LoadAverage() };

        var ours = Path.Combine(directory, "ours.nii");
        var (resample, endToEnd) = bench.TimeTransform(repeats, ours, cancellationToken);
        result["transform_resample_seconds"] = resample;
        result["transform_end_to_end_seconds"] = endToEnd;
        if (itk is not null)
        {
            var peer = Path.Combine(directory, "itk.nii");
            var walls = new double[repeats];
            var cores = new double[repeats];
            for (var i = 0; i < repeats; i++)
            {
                var (wall, _, stderr) = RunProcess(itk, ["apply", bench.Input, bench.Input, peer, "Linear", "0", "-t", bench.Warp, "-t", bench.Affine]);
                walls[i] = wall;
                cores[i] = double.Parse(stderr.Split('\n').First(l => l.StartsWith("resample_seconds ", StringComparison.Ordinal))[17..], CultureInfo.InvariantCulture);
            }
            result["itk_resample_seconds"] = Median(cores);
            result["itk_end_to_end_seconds"] = Median(walls);
            result["transform_resample_ratio"] = resample / Median(cores);
            result["transform_end_to_end_ratio"] = endToEnd / Median(walls);
            result["transform_largest_difference_to_itk"] = LargestDifference(ours, peer);
        }

        var (seconds, cpu, registration) = bench.TimeRegistration(cancellationToken);
        var (mm, degrees) = bench.Error(registration.Transform);
        result["registration_seconds"] = seconds;
        result["registration_cpu_seconds"] = cpu;
        result["registration_error_mm"] = mm;
        result["registration_error_degrees"] = degrees;
        if (elastix)
        {
            var outDir = Path.Combine(directory, "elastix");
            Directory.CreateDirectory(outDir);
            var parameters = Path.Combine(directory, "elastix_rigid.txt");
            File.WriteAllText(parameters, ElastixRigid);
            var (wall, elastixCpu, _) = RunProcess("elastix", ["-f", bench.Input, "-m", bench.Moving, "-p", parameters, "-out", outDir,
                "-threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)]);
            var estimate = ReadElastixEuler(Path.Combine(outDir, "TransformParameters.0.txt"));
            var (emm, edeg) = bench.Error(estimate);
            result["elastix_seconds"] = wall;
            result["elastix_cpu_seconds"] = elastixCpu;
            result["elastix_error_mm"] = emm;
            result["elastix_error_degrees"] = edeg;
            result["registration_ratio"] = seconds / wall;
            result["registration_cpu_ratio"] = cpu / elastixCpu;
        }
        return result;
    }

    /// <summary>elastix's usual rigid set-up: Euler transform, Mattes MI (32 bins), 4 smoothing levels, adaptive
    /// stochastic gradient descent with 2048 random samples per iteration, centre-of-gravity initialisation.</summary>
    private const string ElastixRigid = """
        (FixedInternalImagePixelType "float")
        (MovingInternalImagePixelType "float")
        (FixedImageDimension 3)
        (MovingImageDimension 3)
        (UseDirectionCosines "true")
        (Registration "MultiResolutionRegistration")
        (Interpolator "BSplineInterpolator")
        (ResampleInterpolator "FinalBSplineInterpolator")
        (Resampler "DefaultResampler")
        (FixedImagePyramid "FixedSmoothingImagePyramid")
        (MovingImagePyramid "MovingSmoothingImagePyramid")
        (Optimizer "AdaptiveStochasticGradientDescent")
        (Transform "EulerTransform")
        (Metric "AdvancedMattesMutualInformation")
        (AutomaticScalesEstimation "true")
        (AutomaticTransformInitialization "true")
        (AutomaticTransformInitializationMethod "CenterOfGravity")
        (HowToCombineTransforms "Compose")
        (NumberOfHistogramBins 32)
        (ErodeMask "false")
        (NumberOfResolutions 4)
        (MaximumNumberOfIterations 250)
        (NumberOfSpatialSamples 2048)
        (NewSamplesEveryIteration "true")
        (ImageSampler "RandomCoordinate")
        (BSplineInterpolationOrder 1)
        (FinalBSplineInterpolationOrder 3)
        (DefaultPixelValue 0)
        (WriteResultImage "false")
        """;

    /// <summary>elastix's EulerTransform result: its parameters and centre are ITK's Euler3DTransform in LPS.</summary>
    private static LinearTransform ReadElastixEuler(string path)
    {
        var values = File.ReadAllLines(path)
            .Where(l => l.StartsWith('('))
            .Select(l => l.Trim('(', ')').Split(' ', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1].Trim() : "");
        if (values.GetValueOrDefault("Transform") != "\"EulerTransform\"")
            throw new InvalidOperationException($"{path}: expected an EulerTransform, got {values.GetValueOrDefault("Transform")}");
        double[] Numbers(string key) => values[key].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var zyx = values.GetValueOrDefault("ComputeZYX") == "\"true\"" ? 1.0 : 0.0;
        var name = ItkTransformName.Parse("Euler3DTransform_double_3_3", path);
        return (LinearTransform)ItkTransformDecoder.Decode(name, Numbers("TransformParameters"), [.. Numbers("CenterOfRotationPoint"), zyx], path);
    }

    /// <summary>Runs a peer; its CPU time (user + system) comes from GNU time when /usr/bin/time exists (NaN otherwise).</summary>
    private static (double Seconds, double CpuSeconds, string Stderr) RunProcess(string program, IReadOnlyList<string> arguments)
    {
        const string time = "/usr/bin/time";
        var timed = File.Exists(time);
        var info = timed
            ? new ProcessStartInfo(time, ["-f", "peer_cpu %U %S", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}".Trim());
        var cpu = double.NaN;
        if (timed && stderr.Result.Split('\n').LastOrDefault(l => l.StartsWith("peer_cpu ", StringComparison.Ordinal)) is { } line)
        {
            var parts = line.Split(' ');
            cpu = double.Parse(parts[1], CultureInfo.InvariantCulture) + double.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        return (seconds, cpu, stderr.Result);
    }

    private static double LargestDifference(string a, string b)
    {
        using var x = VolumeFile.Read(a);
        using var y = VolumeFile.Read(b);
        var worst = 0.0;
        for (var i = 0; i < x.VoxelCount; i++) worst = Math.Max(worst, Math.Abs(x.Data[i] - y.Data[i]));
        return worst;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}

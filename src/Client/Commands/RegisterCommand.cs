using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Files;
using RelevanceRelated.Analysis.Spaces.Registration;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>register</c>: rigid or affine registration of one image to another (Mattes MI, multi-resolution, as
/// antsRegistration's linear stages), writing an ANTs-compatible transform and optionally the moved image.
/// </summary>
public static class RegisterCommand
{
    public static Command Create()
    {
        var fixedImage = new Option<string>("--fixed") { Description = "The image that stays (its grid is the output's).", Required = true };
        var moving = new Option<string>("--moving") { Description = "The image to align to --fixed.", Required = true };
        var type = new Option<string>("--type") { Description = $"{RegistrationKinds.Names} (affine runs a rigid stage first); default rigid.", DefaultValueFactory = _ => "rigid" };
        var outTransform = new Option<string>("--out-transform") { Description = "Transform file: .mat (ANTs/ITK AffineTransform_double_3_3, as antsRegistration's 0GenericAffine.mat) or .txt. It maps fixed points to moving points: volume transform MOVING -r FIXED -t X.mat moves the moving image onto the fixed grid.", Required = true };
        var outImage = new Option<string?>("--out-image") { Description = "Also write the moving image moved onto the fixed grid (linear)." };
        var shrink = new Option<string>("--shrink-factors") { Description = "Per level, e.g. 8x4x2x1 (default).", DefaultValueFactory = _ => "8x4x2x1" };
        var sigmas = new Option<string>("--smoothing-sigmas") { Description = "Per level, in voxels, e.g. 3x2x1x0 (default).", DefaultValueFactory = _ => "3x2x1x0" };
        var iterations = new Option<string>("--iterations") { Description = "Per level, the most iterations, e.g. 1000x500x250x100 (default).", DefaultValueFactory = _ => "1000x500x250x100" };
        var step = new Option<double>("--gradient-step") { Description = "Largest corner shift per iteration, mm (ANTs' Rigid[0.1]; default 0.1).", DefaultValueFactory = _ => 0.1 };
        var bins = new Option<int>("--bins") { Description = "Mutual-information histogram bins (default 32).", DefaultValueFactory = _ => 32 };
        var sampling = new Option<double>("--sampling") { Description = "Share of fixed voxels sampled, regularly (default 0.25).", DefaultValueFactory = _ => 0.25 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var cmd = new Command("register", "Register --moving to --fixed (rigid or affine, Mattes mutual information, multi-resolution as antsRegistration).");
        foreach (var o in new Option[] { fixedImage, moving, type, outTransform, outImage, shrink, sigmas, iterations, step, bins, sampling, json }) cmd.Options.Add(o);
        cmd.SetAction((parse, cancellationToken) =>
        {
            var transformPath = parse.GetValue(outTransform)!;
            var lower = transformPath.ToLowerInvariant();
            if (!lower.EndsWith(".mat") && !lower.EndsWith(".txt"))
                throw new InvalidInputException($"--out-transform: '{transformPath}'; expected a .mat or .txt file name");
            var imagePath = parse.GetValue(outImage);
            if (imagePath is not null && VolumeFile.FormatForPath(imagePath) is null)
                throw new InvalidInputException($"--out-image: {imagePath}: unknown image file extension; expected one of {VolumeFile.SupportedExtensions}");
            var options = new RegistrationOptions
            {
                Kind = RegistrationKinds.Parse(parse.GetValue(type)!),
                ShrinkFactors = Levels(parse.GetValue(shrink)!, "--shrink-factors", int.Parse),
                SmoothingSigmas = Levels(parse.GetValue(sigmas)!.TrimEnd('v', 'o', 'x'), "--smoothing-sigmas", s => double.Parse(s, CultureInfo.InvariantCulture)),
                Iterations = Levels(parse.GetValue(iterations)!, "--iterations", int.Parse),
                GradientStep = parse.GetValue(step),
                Bins = parse.GetValue(bins),
                SamplingPercentage = parse.GetValue(sampling),
            };
            options.Validate();

            using var fixedVolume = VolumeFile.Read(parse.GetValue(fixedImage)!);
            using var movingVolume = VolumeFile.Read(parse.GetValue(moving)!);
            var started = DateTime.UtcNow;
            var result = ImageRegistration.Register(fixedVolume, movingVolume, options, cancellationToken);
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            ItkTransformWriter.Write(transformPath, result.Transform, result.Centre);
            if (imagePath is not null)
            {
                using var moved = VolumeMover.Move(movingVolume, ImageGrid.Of(fixedVolume), result.ToChain(), SpatialInterpolation.Linear,
                    0, cancellationToken);
                VolumeFile.Write(moved.Volume, imagePath);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(new JsonObject
                {
                    ["type"] = options.Kind.ToString().ToLowerInvariant(),
                    ["transform"] = transformPath,
                    ["image"] = imagePath,
                    ["seconds"] = seconds,
                    ["matrix"] = new JsonArray([.. result.Transform.Matrix.ToRows().Select(r => (JsonNode)new JsonArray([.. r.Select(v => (JsonNode)v)]))]),
                    ["centre"] = new JsonArray(result.Centre.X, result.Centre.Y, result.Centre.Z),
                    ["levels"] = new JsonArray([.. result.Levels.Select(l => (JsonNode)new JsonObject
                    {
                        ["stage"] = l.Stage,
                        ["shrink"] = l.ShrinkFactor,
                        ["sigma"] = l.Sigma,
                        ["iterations"] = l.Iterations,
                        ["samples"] = l.Samples,
                        ["mutual_information"] = -l.Metric,
                        ["stop"] = l.StopReason,
                        ["seconds"] = l.Seconds,
                    })]),
                }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var l in result.Levels)
                    output.WriteLine($"{l.Stage,-6} shrink {l.ShrinkFactor} σ {l.Sigma:G3}: {l.Iterations} iterations, {l.Samples} samples, MI {-l.Metric:F4} ({l.StopReason}, {l.Seconds:F1} s)");
                output.WriteLine($"wrote {transformPath}{(imagePath is null ? "" : $" and {imagePath}")} in {seconds:F1} s");
            }
            return Task.FromResult(ExitCodes.Success);
        });
        return cmd;
    }

    /// <summary>ANTs' per-level syntax, e.g. 8x4x2x1.</summary>
    private static T[] Levels<T>(string text, string option, Func<string, T> parse)
    {
        try
        {
            return text.Split('x').Select(s => parse(s.Trim())).ToArray();
        }
        catch (FormatException)
        {
            throw new InvalidInputException($"{option}: '{text}'; expected numbers per level separated by x, e.g. 8x4x2x1");
        }
        catch (OverflowException)
        {
            throw new InvalidInputException($"{option}: '{text}'; a number is out of range");
        }
    }
}

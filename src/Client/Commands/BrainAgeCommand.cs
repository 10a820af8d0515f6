using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// `brainage`: one subject through one configured sub-ensemble ([models.NAME]), offline: preprocessing to the
/// model's grid, a prediction per base model, the head's prediction and DBA = predicted − chronological age;
/// with --relevance-out, LRP relevance per base model (params.analyzer_type) averaged and written in the native grid.
/// With --prepared, the model-grid input was made elsewhere and is predicted as it is (the service's prepared inputs).
/// </summary>
public static class BrainAgeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Sub-ensemble from [models.NAME] in the configuration.", Required = true };
        var t1 = new Option<string?>("--t1") { Description = "T1 image (for sequence = \"t1\" models)." };
        var flair = new Option<string?>("--flair") { Description = "FLAIR image (for sequence = \"flair\" models)." };
        var age = new Option<double?>("--age") { Description = "Chronological age in years (gives DBA)." };
        var relevanceOut = new Option<string?>("--relevance-out") { Description = "Directory for the sub-ensemble's relevance map in the native grid (NAME_relevance.nii.gz)." };
        var analyzer = new Option<string?>("--analyzer") { Description = "LRP composite (default: params.analyzer_type)." };
        var inputOut = new Option<string?>("--input-out") { Description = "Write the preprocessed model input (the model's grid) to this file." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var prepared = new Option<string?>("--prepared")
        {
            Description = "An input already on the model's grid (its recipe run elsewhere): predicted as it is; --t1/--flair is then the native image its maps go back to, placed by the two affines.",
        };
        var cmd = new Command("brainage", "Predict brain age with a configured sub-ensemble; prints per-base-model and ensemble ages and DBA.");
        foreach (var o in new Option[] { model, t1, flair, age, relevanceOut, analyzer, inputOut, json, prepared }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var config = ConfigOptions.Load(parse).Config;
            var name = parse.GetValue(model)!;
            using var registry = new ModelRegistry(config);
            var ensemble = registry.BrainAge(name);
            var sequence = ensemble.Config.Sequence;
            var imagePath = sequence switch
            {
                "t1" => parse.GetValue(t1) ?? throw new InvalidInputException($"brainage: models.{name} takes T1 images; pass --t1"),
                "flair" => parse.GetValue(flair) ?? throw new InvalidInputException($"brainage: models.{name} takes FLAIR images; pass --flair"),
                _ => throw new InvalidInputException($"brainage: models.{name} takes {sequence} images, which this verb has no option for; use --t1 or --flair models"),
            };
            using var image = VolumeFile.Read(imagePath);
            using var preparedInput = parse.GetValue(prepared) is { } preparedPath ? VolumeFile.Read(preparedPath) : null;
            using var run = preparedInput is null
                ? ensemble.Run(image, parse.GetValue(age))
                : ensemble.RunPrepared(preparedInput, AffineGridMapping.Of(image), parse.GetValue(age));
            if (parse.GetValue(inputOut) is { } path) VolumeFile.Write(run.Input, path);
            string? relevancePath = null;
            SubEnsembleRelevanceResult? relevance = null;
            var analyzerType = parse.GetValue(analyzer) ?? config.Params.AnalyzerType;
            if (parse.GetValue(relevanceOut) is { } directory)
            {
                relevance = registry.Explainer(name).Explain(run, analyzerType);
                Directory.CreateDirectory(directory);
                relevancePath = Path.Combine(directory, $"{name}_relevance.nii.gz");
                VolumeFile.Write(relevance.NativeMap, relevancePath, VoxelType.Float32);
            }
            using var relevanceScope = relevance;

            var p = run.Prediction;
            var files = ensemble.Config.Files;
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var report = new JsonObject
                {
                    ["model"] = name,
                    ["sequence"] = sequence,
                    ["input"] = imagePath,
                    ["prepared"] = parse.GetValue(prepared),
                    ["base_models"] = new JsonArray([.. p.BaseModels.Select((a, i) => (JsonNode)new JsonObject { ["file"] = files[i], ["prediction"] = a })]),
                    ["head"] = ModelOptionNames.Head.NameOf(ensemble.Config.Head.Kind),
                    ["prediction"] = p.Ensemble,
                    ["age"] = p.ChronologicalAge,
                    ["dba"] = p.Dba,
                };
                if (relevance is not null)
                {
                    report["analyzer_type"] = analyzerType;
                    report["relevance"] = relevancePath;
                    report["relevance_sums"] = new JsonArray([.. relevance.BaseModelSums.Select(v => (JsonNode)v)]);
                }
                writer.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                for (var i = 0; i < p.BaseModels.Count; i++) writer.WriteLine($"base {i,-3} {Num(p.BaseModels[i]),10}  {Path.GetFileName(files[i])}");
                writer.WriteLine($"ensemble {Num(p.Ensemble),10}  ({ModelOptionNames.Head.NameOf(ensemble.Config.Head.Kind)} head)");
                if (p.Dba is { } dba) writer.WriteLine($"dba      {Num(dba),10}  (age {Num(p.ChronologicalAge!.Value)})");
                if (relevancePath is not null) writer.WriteLine($"relevance {relevancePath} ({analyzerType})");
            }
            return ExitCodes.Success;
        });
        return cmd;
    }

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Demo;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// `validate relevance`: the ground-truth check of relevance on a simulated cohort: per subject the ROC AUC of
/// |relevance| and of positive relevance for the true age-effect voxels among the brain voxels; cohort mean and SD.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check methods against simulated ground truth.");
        command.Subcommands.Add(CreateRelevance());
        return command;
    }

    private static Command CreateRelevance()
    {
        var cohort = new Option<string>("--cohort") { Description = "A simulated cohort directory (relevancerelated simulate --out DIR)", Required = true };
        var model = new Option<string>("--model") { Description = "Sub-ensemble from [models.NAME] in the configuration", Required = true };
        var rule = new Option<string?>("--rule") { Description = "LRP composite (default: params.analyzer_type)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var cmd = new Command("relevance", "ROC AUC of the model's relevance for the true age-effect voxels of a simulated cohort.");
        foreach (var o in new Option[] { cohort, model, rule, json }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var config = ConfigOptions.Load(parse).Config;
            var name = parse.GetValue(model)!;
            var ruleName = parse.GetValue(rule) ?? config.Params.AnalyzerType;
            using var registry = new ModelRegistry(config);
            var ensemble = registry.BrainAge(name);
            var explainer = registry.Explainer(name);
            var asJson = parse.GetValue(json);
            var writer = parse.InvocationConfiguration.Output;
            var report = RelevanceGroundTruth.Run(parse.GetValue(cohort)!, ensemble, explainer, ruleName,
                s => { if (!asJson) writer.WriteLine($"{s.Id}  age {N(s.Age)}  predicted {N(s.Predicted)}  AUC |R| {N(s.AucAbsolute)}  AUC R+ {N(s.AucPositive)}  ({s.AgeEffectVoxels} age-effect voxels)"); });
            var (absMean, absSd) = report.AucAbsolute;
            var (posMean, posSd) = report.AucPositive;
            if (asJson)
            {
                var root = new JsonObject
                {
                    ["model"] = name,
                    ["rule"] = ruleName,
                    ["subjects"] = new JsonArray([.. report.Subjects.Select(s => (JsonNode)new JsonObject
                    {
                        ["participant_id"] = s.Id, ["age"] = s.Age, ["predicted"] = s.Predicted,
                        ["age_effect_voxels"] = s.AgeEffectVoxels, ["brain_voxels"] = s.BrainVoxels,
                        ["auc_abs"] = Json(s.AucAbsolute), ["auc_pos"] = Json(s.AucPositive),
                    })]),
                    ["auc_abs_mean"] = Json(absMean), ["auc_abs_sd"] = Json(absSd),
                    ["auc_pos_mean"] = Json(posMean), ["auc_pos_sd"] = Json(posSd),
                };
                writer.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                writer.WriteLine($"{name} {ruleName}: AUC |R| {N(absMean)} ± {N(absSd)}, AUC R+ {N(posMean)} ± {N(posSd)} (mean ± SD over {report.Subjects.Count} subjects)");
            }
            return ExitCodes.Success;
        });
        return cmd;
    }

    private static JsonNode? Json(double v) => double.IsNaN(v) ? null : JsonValue.Create(v);

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

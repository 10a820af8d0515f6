using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using System.CommandLine;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Xai.Composites;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>reanalyze COHORT [--rule NAME] [--model NAME]... [--pvs-model NAME]</c>: changes the cohort's analysis parameters
/// (a new configuration version); every subject reruns only the stages whose configuration or inputs changed, on
/// whichever silos the cluster places them.
/// </summary>
public static class ReanalyzeCommand
{
    public static Command Create()
    {
        var cohort = CohortCommands.CohortArgument();
        var rule = new Option<string?>("--rule") { Description = $"LRP composite for the relevance stage, e.g. lrp.epsilon ({string.Join(", ", CompositeRegistry.Names.Take(4))}, …)" };
        var model = new Option<string[]>("--model") { Description = "Brain-age model(s) to run, names of [models.NAME] (repeatable; default: all configured)", AllowMultipleArgumentsPerToken = true };
        var pvsModel = new Option<string?>("--pvs-model") { Description = $"PVS segmentation: '{PvsMethod.FrangiName}' or a [pvs_models.NAME]" };
        var command = new Command("reanalyze", "Rerun a cohort with another LRP rule, brain-age model or PVS method; only the affected stages rerun.");
        command.Arguments.Add(cohort);
        command.Options.Add(rule);
        command.Options.Add(model);
        command.Options.Add(pvsModel);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var config = ConfigOptions.Load(parseResult).Config;
            var parameters = Parameters(config, parseResult.GetValue(rule), parseResult.GetValue(model) ?? [], parseResult.GetValue(pvsModel));
            return CohortCommands.RunAsync(parseResult, cancellationToken, async (client, output) =>
            {
                var grain = client.GetGrain<ICohortGrain>(parseResult.GetValue(cohort)!);
                var before = await grain.GetSettings();
                var after = await grain.Reconfigure(parameters);
                if (after.Version == before.Version)
                {
                    output.WriteLine($"cohort {parseResult.GetValue(cohort)}: already analysed with these settings (configuration version {after.Version}); nothing reruns");
                    return ExitCodes.Success;
                }
                var changed = parameters.Keys.Where(k => before.Parameters.GetValueOrDefault(k) != after.Parameters.GetValueOrDefault(k)).ToList();
                output.WriteLine($"cohort {parseResult.GetValue(cohort)}: configuration version {before.Version} -> {after.Version} ({string.Join(", ", changed.Select(k => $"{k} = {after.Parameters[k]}"))})");
                output.WriteLine($"reruns: {string.Join(", ", StagesReading(changed))}; follow with `status {parseResult.GetValue(cohort)}`");
                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>The cohort parameters the options set, each checked against the configuration.</summary>
    /// <exception cref="InvalidInputException">No option given, or a name the configuration does not know.</exception>
    public static ImmutableSortedDictionary<string, string> Parameters(RelevanceRelatedConfig config, string? rule, IReadOnlyList<string> models, string? pvsModel)
    {
        var parameters = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (rule is not null)
        {
            if (!CompositeRegistry.Names.Contains(rule))
                throw new InvalidInputException($"--rule '{rule}' is not a known LRP composite; expected one of: {string.Join(", ", CompositeRegistry.Names)}");
            parameters[CohortParameters.AnalyzerType] = rule;
        }
        if (models.Count > 0)
        {
            if (models.FirstOrDefault(m => !config.Models.ContainsKey(m)) is { } unknown)
                throw new InvalidInputException($"--model '{unknown}' is not configured; expected names from [models.<name>]: {string.Join(", ", config.Models.Keys.Order(StringComparer.Ordinal))}");
            parameters[CohortParameters.BrainAgeModels] = string.Join(",", models.Distinct().Order(StringComparer.Ordinal));
        }
        if (pvsModel is not null)
        {
            PvsMethod.Parse(pvsModel, config, "--pvs-model");
            parameters[CohortParameters.PvsModel] = pvsModel;
        }
        if (parameters.Count == 0)
            throw new InvalidInputException("reanalyze: give at least one of --rule, --model, --pvs-model");
        return parameters.ToImmutable();
    }

    /// <summary>The stages a change of these parameters reruns: the stage reading each one and every stage after it that uses its outputs.</summary>
    private static IEnumerable<string> StagesReading(IReadOnlyCollection<string> parameters)
    {
        var stages = new HashSet<string>(StringComparer.Ordinal);
        if (parameters.Contains(CohortParameters.PvsModel)) stages.UnionWith([StageNames.Pvs, StageNames.Features, StageNames.Analyses]);
        if (parameters.Contains(CohortParameters.BrainAgeModels))
            stages.UnionWith([StageNames.BrainAge, StageNames.Relevance, StageNames.Features, StageNames.Analyses]);
        if (parameters.Contains(CohortParameters.AnalyzerType)) stages.UnionWith([StageNames.Relevance, StageNames.Features, StageNames.Analyses]);
        return StageNames.All.Where(stages.Contains);
    }
}

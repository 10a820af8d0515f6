using RelevanceRelated.Contracts;
using System.Globalization;
using System.Text.Json;
using RelevanceRelated.Contracts.Serialization;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// The registered stages in order, and the rule that decides what a subject must do next: a stage runs when the
/// stages it depends on are done and its input hash (submission + their outputs) or configuration hash differs
/// from what it last ran with. A stage whose dependency failed is failed too, naming that dependency.
/// </summary>
public sealed class SubjectPipeline
{
    /// <summary>Starts of a stage interrupted (its silo died) before it is given up as failed.</summary>
    public const int MaxAttempts = 3;

    public SubjectPipeline(IEnumerable<ISubjectStage> stages)
    {
        var ordered = stages.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in ordered)
        {
            if (SubjectKey.Problem(stage.Name) is { } problem)
                throw new InvalidOperationException($"Stage name '{stage.Name}' {problem}.");
            foreach (var dependency in stage.DependsOn)
                if (!seen.Contains(dependency))
                    throw new InvalidOperationException($"Stage '{stage.Name}' depends on '{dependency}', which is not registered before it.");
            if (!seen.Add(stage.Name))
                throw new InvalidOperationException($"Stage '{stage.Name}' is registered twice.");
        }
        if (ordered.Count == 0) throw new InvalidOperationException("No pipeline stages are registered.");
        Stages = ordered;
    }

    public IReadOnlyList<ISubjectStage> Stages { get; }

    public IEnumerable<string> StageNames => Stages.Select(s => s.Name);

    /// <summary>Each stage's effective status under <paramref name="settings"/> and, for at most the first actionable one, what to do.</summary>
    public IReadOnlyList<StagePlan> Evaluate(SubjectSubmission? submission, CohortSettings settings, IReadOnlyDictionary<string, StageRecord> records)
    {
        var plans = new List<StagePlan>(Stages.Count);
        if (submission is null)
        {
            plans.AddRange(Stages.Select(s => new StagePlan(s, StageStatus.Pending, null, StageAction.None, null, null, null)));
            return plans;
        }
        var effective = new Dictionary<string, StageStatus>(StringComparer.Ordinal);
        var submissionHash = SubmissionHash(submission);
        var acted = false;
        foreach (var stage in Stages)
        {
            var record = records.GetValueOrDefault(stage.Name);
            var plan = Plan(stage, record, submissionHash, settings, records, effective);
            if (plan.Action != StageAction.None)
            {
                if (acted) plan = plan with { Action = StageAction.None };
                acted = true;
            }
            effective[stage.Name] = plan.Status;
            plans.Add(plan);
        }
        return plans;
    }

    private static StagePlan Plan(ISubjectStage stage, StageRecord? record, string submissionHash, CohortSettings settings,
        IReadOnlyDictionary<string, StageRecord> records, Dictionary<string, StageStatus> effective)
    {
        var configHash = stage.ConfigurationHash(settings);
        if (stage.DependsOn.FirstOrDefault(d => effective[d] == StageStatus.Failed) is { } failed)
        {
            var reason = $"not run: stage '{failed}' failed";
            var alreadyBlocked = record is { Status: StageStatus.Failed, InputHash: null } && record.LastError == reason;
            return new StagePlan(stage, StageStatus.Failed, reason, alreadyBlocked ? StageAction.None : StageAction.Block, null, configHash, reason);
        }
        if (stage.DependsOn.Any(d => effective[d] != StageStatus.Done))
            return new StagePlan(stage, StageStatus.Pending, null, StageAction.None, null, configHash, null);

        var inputHash = StageHash.Of([submissionHash, .. stage.DependsOn.Select(d => $"{d}:{OutputHash(records[d])}")]);
        var current = record is not null && record.InputHash == inputHash && record.ConfigHash == configHash;
        return record switch
        {
            { Status: StageStatus.Done or StageStatus.Failed } when current =>
                new StagePlan(stage, record.Status, record.LastError, StageAction.None, inputHash, configHash, null),
            { Status: StageStatus.Running, Attempts: >= MaxAttempts } when current =>
                new StagePlan(stage, StageStatus.Failed, null, StageAction.GiveUp, inputHash, configHash,
                    $"interrupted {record.Attempts} times (its silo stopped while it ran); not retried again"),
            { Status: StageStatus.Running } when current =>
                new StagePlan(stage, StageStatus.Running, null, StageAction.Run, inputHash, configHash, null),
            _ => new StagePlan(stage, StageStatus.Pending, null, StageAction.Run, inputHash, configHash, null),
        };
    }

    /// <summary>Hash of everything the subject was submitted with: input paths, the T1 frame, transforms and covariates.</summary>
    public static string SubmissionHash(SubjectSubmission s) => StageHash.Of([
        s.SubjectId, s.Inputs.T1, s.Inputs.Flair, s.Inputs.LesionProbability, s.Inputs.FreeSurferDirectory,
        s.Covariates.Age?.ToString("R", CultureInfo.InvariantCulture), s.Covariates.Sex,
        // Only when set, so that subjects submitted before frames could be chosen keep their hash.
        .. s.Inputs.T1Frame is { } frame ? [$"t1_frame={frame.ToString(CultureInfo.InvariantCulture)}"] : Array.Empty<string>(),
        .. SpaceInputs(s.Inputs)]);

    /// <summary>The transforms, template, FA map and prepared inputs, each only when given (older submissions keep their hash).</summary>
    private static IEnumerable<string> SpaceInputs(SubjectInputs inputs)
    {
        foreach (var (name, chain) in ((string, System.Collections.Immutable.ImmutableArray<string>)[])
                 [("flair_to_t1", inputs.FlairToT1), ("to_template", inputs.ToTemplate), ("to_subject", inputs.ToSubject)])
            if (!SubjectInputs.Chain(chain).IsEmpty) yield return $"{name}={string.Join('\n', SubjectInputs.Chain(chain))}";
        if (inputs.Template is { } template) yield return $"template={template}";
        if (inputs.FractionalAnisotropy is { } fa) yield return $"fa={fa}";
        foreach (var (model, path) in inputs.PreparedInputs()) yield return $"prepared:{model}={path}";
    }

    /// <summary>Hash of a stage's result (its values and the hashes of the artifacts it refers to): what a dependent stage's input hash covers.</summary>
    public static string OutputHash(StageRecord record) => record.Result is { } result
        ? StageHash.Of(result.GetType().FullName, JsonSerializer.Serialize(result, result.GetType(), AnalysisRecords.JsonOptions))
        : StageHash.Of("no result");
}

/// <summary>What the subject grain does about one stage.</summary>
public enum StageAction
{
    None,
    /// <summary>Run the stage (again).</summary>
    Run,
    /// <summary>Record the stage as failed because a stage it depends on failed.</summary>
    Block,
    /// <summary>Record the stage as failed because it was interrupted too often.</summary>
    GiveUp,
}

/// <summary>One stage's effective status and the action, if any, with the hashes it would run with.</summary>
public sealed record StagePlan(
    ISubjectStage Stage,
    StageStatus Status,
    string? Error,
    StageAction Action,
    string? InputHash,
    string? ConfigHash,
    string? Reason);

using RelevanceRelated.Contracts;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RelevanceRelated.Analysis;
using RelevanceRelated.Client.Cohorts;

namespace RelevanceRelated.Client.Commands;

/// <summary><c>subject COHORT SUBJECT [--json]</c>: a subject's inputs and every stage's record.</summary>
public static class SubjectCommand
{
    public static Command Create()
    {
        var cohort = CohortCommands.CohortArgument();
        var subject = new Argument<string>("subject") { Description = "The subject's id (participant_id)" };
        var json = CohortCommands.JsonOption();
        var command = new Command("subject", "Show one subject: inputs, covariates, and each stage's status, attempts, error, results and artifacts.");
        command.Arguments.Add(cohort);
        command.Arguments.Add(subject);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CohortCommands.RunAsync(parseResult, cancellationToken, async (client, output) =>
        {
            var (cohortName, subjectId) = (parseResult.GetValue(cohort)!, parseResult.GetValue(subject)!);
            if ((SubjectKey.Problem(cohortName) ?? SubjectKey.Problem(subjectId)) is { } problem)
                throw new InvalidInputException($"'{cohortName}/{subjectId}' is not a cohort and subject id: {problem}.");
            if (!await client.GetGrain<ICohortGrain>(cohortName).IsMember(subjectId))
                throw new InvalidInputException($"subject '{subjectId}' is not a member of cohort '{cohortName}'.");
            var details = await client.GetGrain<ISubjectGrain>(SubjectKey.Of(cohortName, subjectId)).GetDetails();
            if (parseResult.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(details, StageResultJson.Options));
            else Write(details, output);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(SubjectDetails d, TextWriter output)
    {
        output.WriteLine($"{d.Cohort}/{d.SubjectId} (configuration version {d.Settings.Version})");
        if (d.Submission is { } s)
        {
            output.WriteLine($"  T1     {s.Inputs.T1}");
            if (s.Inputs.Flair is not null) output.WriteLine($"  FLAIR  {s.Inputs.Flair}");
            output.WriteLine($"  age {s.Covariates.Age?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}, sex {s.Covariates.Sex ?? "n/a"}");
        }
        foreach (var r in d.Stages)
        {
            var time = r.Started is { } start && r.Finished is { } end ? $", {(end - start).TotalSeconds:0.00} s" : "";
            output.WriteLine($"{r.Stage,-10} {r.Status.ToString().ToLowerInvariant(),-8} attempts {r.Attempts}{time}");
            if (r.LastError is not null) output.WriteLine($"           error: {r.LastError}");
            if (r.Result is not { } result) continue;
            foreach (var line in StageResultJson.Lines(result).Where(l => !IsArtifactDetail(l))) output.WriteLine($"           {line}");
        }
    }

    /// <summary>An artifact's hash and size are for machines (<c>--json</c>); its path is enough on screen.</summary>
    private static bool IsArtifactDetail(string line) => line.Contains(".Sha256 = ", StringComparison.Ordinal) || line.Contains(".Bytes = ", StringComparison.Ordinal);
}

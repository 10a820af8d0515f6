using RelevanceRelated.Contracts;
using System.CommandLine;
using System.Text.Json;
using RelevanceRelated.Analysis;

namespace RelevanceRelated.Client.Commands;

/// <summary><c>status COHORT [--json]</c>: per stage how many subjects are pending, running, done, failed; each failure's reason.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var cohort = CohortCommands.CohortArgument();
        var json = CohortCommands.JsonOption();
        var command = new Command("status", "Show a cohort's progress per stage and why subjects failed.");
        command.Arguments.Add(cohort);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CohortCommands.RunAsync(parseResult, cancellationToken, async (client, output) =>
        {
            var name = parseResult.GetValue(cohort)!;
            var progress = await client.GetGrain<ICohortGrain>(name).GetProgress();
            if (progress.Subjects == 0) throw new InvalidInputException($"cohort '{SubjectKey.Escape(name)}' does not exist (no subjects were submitted to it).");
            if (parseResult.GetValue(json)) output.WriteLine(ToJson(progress));
            else Write(progress, output);
            return ExitCodes.Success;
        }));
        return command;
    }

    public static string ToJson(CohortProgress progress) => JsonSerializer.Serialize(new
    {
        cohort = progress.Cohort,
        configurationVersion = progress.ConfigurationVersion,
        subjects = progress.Subjects,
        complete = progress.Complete,
        failedSubjects = progress.FailedSubjects,
        stages = progress.Stages.ToDictionary(s => s.Stage, s => new { pending = s.Pending, running = s.Running, done = s.Done, failed = s.Failed }),
        failures = progress.Failures.Select(f => new { subject = f.SubjectId, stage = f.Stage, reason = f.Reason }),
    }, new JsonSerializerOptions { WriteIndented = true });

    public static void Write(CohortProgress progress, TextWriter output)
    {
        output.WriteLine($"cohort {progress.Cohort}: {progress.Subjects} subjects, configuration version {progress.ConfigurationVersion}, {(progress.Complete ? "complete" : "in progress")}");
        output.WriteLine($"{"stage",-12}{"pending",9}{"running",9}{"done",9}{"failed",9}");
        foreach (var s in progress.Stages) output.WriteLine($"{s.Stage,-12}{s.Pending,9}{s.Running,9}{s.Done,9}{s.Failed,9}");
        foreach (var f in progress.Failures) output.WriteLine($"failed: {f.SubjectId} at {f.Stage}: {f.Reason}");
        if (progress.FailedSubjects > progress.Failures.Length)
            output.WriteLine($"... and {progress.FailedSubjects - progress.Failures.Length} more failed subject(s); `export {progress.Cohort}` lists every one in tables/subjects.csv");
    }
}

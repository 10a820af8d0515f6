using System.CommandLine;
using RelevanceRelated.Analysis;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>retry COHORT [--stage S] [--subject ID]</c>: runs the failed stages of a cohort's failed subjects again (after the
/// input or the configuration was fixed), all of them or those of one subject, optionally from one stage on.
/// </summary>
public static class RetryCommand
{
    public static Command Create()
    {
        var cohort = CohortCommands.CohortArgument();
        var stage = new Option<string?>("--stage") { Description = "Retry only this stage and the ones after it (ingest, pvs, brainage, relevance, features)" };
        var subject = new Option<string?>("--subject") { Description = "Retry only this subject" };
        var command = new Command("retry", "Run the failed stages of failed subjects again.");
        command.Arguments.Add(cohort);
        command.Options.Add(stage);
        command.Options.Add(subject);
        command.SetAction((parseResult, cancellationToken) => CohortCommands.RunAsync(parseResult, cancellationToken, async (client, output) =>
        {
            var name = parseResult.GetValue(cohort)!;
            var grain = client.GetGrain<ICohortGrain>(name);
            var subjectId = parseResult.GetValue(subject);
            if (subjectId is not null && !await grain.IsMember(subjectId))
                throw new InvalidInputException($"subject '{SubjectKey.Escape(subjectId)}' is not a member of cohort '{SubjectKey.Escape(name)}'.");
            RetryResult result;
            try
            {
                result = await grain.Retry(parseResult.GetValue(stage), subjectId);
            }
            catch (CohortSubmissionException ex)
            {
                throw new InvalidInputException(ex.Message, ex);
            }
            output.WriteLine(result.Subjects == 0
                ? $"cohort {name}: no failed subject to retry"
                : $"cohort {name}: {result.Subjects} subject(s) run their failed stages again; follow with `status {name}`");
            return ExitCodes.Success;
        }));
        return command;
    }
}

using RelevanceRelated.Contracts;
using System.CommandLine;
using System.Collections.Immutable;
using RelevanceRelated.Analysis;
using RelevanceRelated.Client.Cohorts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>submit --cohort NAME --participants FILE [--bids DIR] [--freesurfer DIR] [--lesions DIR] [--t1-frame K]</c>. Inputs
/// are checked before the cluster is asked: given folders must exist and every input must lie below <c>[paths].data</c>.
/// The rows go to the cohort in batches of <see cref="BatchSize"/> within one submission, which the cohort takes whole
/// or not at all.
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var cohort = new Option<string>("--cohort") { Description = "Cohort name (created on first submission)", Required = true };
        var participants = new Option<string>("--participants") { Description = "participants.tsv (participant_id, age, sex)", Required = true };
        var bids = new Option<string?>("--bids") { Description = "BIDS root with ID/anat/ID_T1w.nii.gz (default: the participants file's folder)" };
        var freeSurfer = new Option<string?>("--freesurfer") { Description = "FreeSurfer SUBJECTS_DIR holding one folder per subject id" };
        var lesions = new Option<string?>("--lesions") { Description = "Folder with one folder of lesion probability maps per subject id" };
        var t1Frame = new Option<int?>("--t1-frame")
        {
            Description = "Which frame (0-based) of T1 files with several frames to use; a t1_frame column in the participants file wins per row",
        };
        var command = new Command("submit", "Submit (or resubmit) a cohort to the cluster; identical subjects are left as they are.");
        foreach (var option in (Option[])[cohort, participants, bids, freeSurfer, lesions, t1Frame]) command.Options.Add(option);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(cohort)!;
            if (SubjectKey.Problem(name) is { } problem) throw new InvalidInputException($"--cohort '{MessageText.Escape(name)}' {problem}.");
            var dataRoot = ConfigOptions.Load(parseResult).Config.Paths.Data;
            var subjects = ParticipantsFile.Read(parseResult.GetValue(participants)!, parseResult.GetValue(bids),
                parseResult.GetValue(freeSurfer), parseResult.GetValue(lesions), dataRoot, parseResult.GetValue(t1Frame));
            return CohortCommands.RunAsync(parseResult, cancellationToken, async (client, output) =>
            {
                SubmitResult result;
                try
                {
                    result = await client.GetGrain<ICohortGrain>(name).SubmitInBatchesAsync(subjects);
                }
                catch (CohortSubmissionException ex)
                {
                    throw new InvalidInputException(ex.Message, ex);
                }
                output.WriteLine($"cohort {name}: {subjects.Count} subjects submitted ({result.Added} new, {result.Changed} changed, {result.Unchanged} unchanged" +
                    (result.Retried > 0 ? $"; {result.Retried} failed subject(s) run again: their input files changed" : "") + ")");
                output.WriteLine($"follow it with: relevancerelated status {name}");
                return ExitCodes.Success;
            });
        });
        return command;
    }
}

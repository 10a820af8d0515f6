using RelevanceRelated.Contracts;
using System.CommandLine;
using System.Collections.Immutable;
using RelevanceRelated.Analysis;
using RelevanceRelated.Client.Cohorts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>submit --cohort NAME --participants FILE [--bids DIR] [--freesurfer DIR] [--lesions DIR] [--t1-frame K]
/// [--transforms DIR] [--fa DIR] [--template NAME] [--flair-alignment given|register]</c>. Inputs are checked before the
/// cluster is asked: given folders must exist, every input must lie below <c>[paths].data</c>, prepared inputs must name
/// configured models. <c>--flair-alignment</c> sets the cohort parameter <c>flair_alignment</c> before the rows go.
/// The rows go to the cohort in batches of <see cref="BatchSize"/> within one submission, which the cohort takes whole
/// or not at all.
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var cohort = new Option<string>("--cohort") { Description = "Cohort name (created on first submission)", Required = true };
        var participants = new Option<string>("--participants") { Description = "participants.tsv (participant_id, age, sex; optional t1_frame, flair_to_t1, to_template, to_subject, template, fa, prepared_MODEL)", Required = true };
        var bids = new Option<string?>("--bids") { Description = "BIDS root with ID/anat/ID_T1w.nii.gz (default: the participants file's folder)" };
        var freeSurfer = new Option<string?>("--freesurfer") { Description = "FreeSurfer SUBJECTS_DIR holding one folder per subject id" };
        var lesions = new Option<string?>("--lesions") { Description = "Folder with one folder of lesion probability maps per subject id" };
        var t1Frame = new Option<int?>("--t1-frame")
        {
            Description = "Which frame (0-based) of T1 files with several frames to use; a t1_frame column in the participants file wins per row",
        };
        var transforms = new Option<string?>("--transforms")
        {
            Description = "Folder with one folder of transforms per subject id (fMRIPrep *from-FLAIR_to-T1w*, *from-T1w_to-TPL*/*from-TPL_to-T1w* .h5, or ANTs *0GenericAffine.mat, *1Warp.nii.gz, *1InverseWarp.nii.gz)",
        };
        var fa = new Option<string?>("--fa") { Description = "Folder with one folder per subject id holding its FA map (template space)" };
        var template = new Option<string?>("--template") { Description = "Template name of ANTs-named transforms (which do not say it); default: a template column, else 'template'" };
        var flairAlignment = new Option<string?>("--flair-alignment")
        {
            Description = $"A FLAIR off the T1 grid without a FLAIR→T1 transform: 'given' (refuse; the default) or 'register' (rigid Mattes MI at ingest); sets the cohort parameter {CohortParameters.FlairAlignment}",
        };
        var command = new Command("submit", "Submit (or resubmit) a cohort to the cluster; identical subjects are left as they are.");
        foreach (var option in (Option[])[cohort, participants, bids, freeSurfer, lesions, t1Frame, transforms, fa, template, flairAlignment]) command.Options.Add(option);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(cohort)!;
            if (SubjectKey.Problem(name) is { } problem) throw new InvalidInputException($"--cohort '{MessageText.Escape(name)}' {problem}.");
            var alignment = parseResult.GetValue(flairAlignment) is { } text ? FlairAlignments.Parse(text, "--flair-alignment") : (FlairAlignment?)null;
            var config = ConfigOptions.Load(parseResult).Config;
            var subjects = ParticipantsFile.Read(parseResult.GetValue(participants)!, parseResult.GetValue(bids),
                parseResult.GetValue(freeSurfer), parseResult.GetValue(lesions), config.Paths.Data, parseResult.GetValue(t1Frame),
                parseResult.GetValue(transforms), parseResult.GetValue(fa), parseResult.GetValue(template));
            CheckPreparedModels(subjects, config.Models.Keys, parseResult.GetValue(participants)!);
            return CohortCommands.RunAsync(parseResult, cancellationToken, async (client, output) =>
            {
                SubmitResult result;
                try
                {
                    if (alignment is { } chosen)
                        await client.GetGrain<ICohortGrain>(name).Reconfigure(
                            ImmutableSortedDictionary<string, string>.Empty.Add(CohortParameters.FlairAlignment, chosen.Name()));
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

    /// <exception cref="InvalidInputException">A prepared_MODEL column names a model the configuration does not have.</exception>
    private static void CheckPreparedModels(IReadOnlyList<SubjectSubmission> subjects, IEnumerable<string> configured, string participants)
    {
        var models = configured.ToHashSet(StringComparer.Ordinal);
        var unknown = subjects.SelectMany(s => s.Inputs.PreparedInputs().Select(p => p.Key)).Where(m => !models.Contains(m)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new InvalidInputException(
                $"{participants}: column(s) {string.Join(", ", unknown.Select(m => $"'prepared_{m}'"))} name no configured model; expected prepared_NAME for a [models.NAME] ({string.Join(", ", models.Order(StringComparer.Ordinal))})");
    }
}

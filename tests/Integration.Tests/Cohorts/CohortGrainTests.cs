using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using System.Security.Cryptography;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Integration.Tests.Cluster;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>Subject and cohort grains on an embedded silo: what runs, what reruns, what fails and why.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortGrainTests
{
    private static readonly string[] AllStages = ["ingest", IntensityStage.StageName, "report"];

    [Fact]
    public async Task Every_stage_of_every_subject_completes_once_and_ingest_records_the_input_hashes()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data, concurrency: 2);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("complete");
        ImmutableArray<SubjectSubmission> subjects = [data.Subject("sub-01", flair: true), data.Subject("sub-02"), data.Subject("sub-03")];

        Assert.Equal(new SubmitResult(3, 0, 0), await cohort.Submit(subjects));
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);

        Assert.Equal(AllStages, progress.Stages.Select(s => s.Stage));
        Assert.All(progress.Stages, s => Assert.Equal(new StageProgress(s.Stage, 0, 0, 3, 0), s));
        Assert.Empty(progress.Failures);
        var first = await CohortSilos.Details(silo.Grains, "complete", "sub-01");
        Assert.All(first.Stages, s => Assert.Equal((StageStatus.Done, 1, 1), (s.Status, s.Attempts, s.Completions)));
        var ingest = first.Stage("ingest").ResultAs<IngestResult>();
        Assert.Equal(Sha256(subjects[0].Inputs.T1), ingest.Image(IngestResult.T1)!.Stored.Sha256);
        Assert.Equal(Sha256(subjects[0].Inputs.Flair!), ingest.Image(IngestResult.Flair)!.Stored.Sha256);
        Assert.Equal([8, 8, 8], ingest.Image(IngestResult.T1)!.Shape);
        Assert.True(File.Exists(Path.Combine(data.ArtifactsRoot, ingest.Image(IngestResult.T1)!.Stored.RelativePath)));
    }

    [Fact]
    public async Task Resubmitting_identical_data_is_a_no_op()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("resubmit");
        ImmutableArray<SubjectSubmission> subjects = [data.Subject("sub-01"), data.Subject("sub-02")];
        await cohort.Submit(subjects);
        await CohortSilos.WaitForCompletionAsync(cohort);
        var before = await CohortSilos.Details(silo.Grains, "resubmit", "sub-01");

        var result = await cohort.Submit(subjects);
        var progress = await cohort.GetProgress();
        var after = await CohortSilos.Details(silo.Grains, "resubmit", "sub-01");

        Assert.Equal(new SubmitResult(0, 0, 2), result);
        Assert.True(progress.Complete);
        Assert.Equal(before.Stages, after.Stages);
        Assert.All(after.Stages, s => Assert.Equal((1, 1), (s.Attempts, s.Completions)));
    }

    [Fact]
    public async Task A_changed_configuration_hash_reruns_only_the_stages_it_affects()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("reconfigure");
        await cohort.Submit([data.Subject("sub-01", intensity: 100), data.Subject("sub-02", intensity: 200)]);
        await CohortSilos.WaitForCompletionAsync(cohort);

        var settings = await cohort.Reconfigure(ImmutableSortedDictionary<string, string>.Empty.Add(IntensityStage.ScaleParameter, "2"));
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);
        var subject = await CohortSilos.Details(silo.Grains, "reconfigure", "sub-01");

        Assert.Equal(2, settings.Version);
        Assert.Equal(2, progress.ConfigurationVersion);
        Assert.Equal(1, subject.Stage("ingest").Completions);
        Assert.Equal(2, subject.Stage(IntensityStage.StageName).Completions);
        // Voxels are 100 + i mod 7 for i < 512: mean 100 + 1533/512.
        Assert.Equal(2 * (100 + 1533.0 / 512), subject.Stage(IntensityStage.StageName).ResultAs<MeasuredValue>().Value, 1e-9);
        // report reads only intensity's output, which changed, so it reran too.
        Assert.Equal(2, subject.Stage("report").Completions);
    }

    [Fact]
    public async Task A_parameter_no_stage_reads_reruns_nothing()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("unread");
        await cohort.Submit([data.Subject("sub-01")]);
        await CohortSilos.WaitForCompletionAsync(cohort);

        await cohort.Reconfigure(ImmutableSortedDictionary<string, string>.Empty.Add("nobody.reads", "this"));
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);
        var subject = await CohortSilos.Details(silo.Grains, "unread", "sub-01");

        Assert.Equal(2, progress.ConfigurationVersion);
        Assert.All(subject.Stages, s => Assert.Equal(1, s.Completions));
    }

    [Fact]
    public async Task A_changed_covariate_reruns_every_stage_of_that_subject_only()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("covariate");
        var (one, two) = (data.Subject("sub-01", age: 60), data.Subject("sub-02", age: 70));
        await cohort.Submit([one, two]);
        await CohortSilos.WaitForCompletionAsync(cohort);

        var result = await cohort.Submit([one with { Covariates = new Covariates(61, "F") }, two]);
        await CohortSilos.WaitForCompletionAsync(cohort);

        Assert.Equal(new SubmitResult(0, 1, 1), result);
        Assert.All((await CohortSilos.Details(silo.Grains, "covariate", "sub-01")).Stages, s => Assert.Equal(2, s.Completions));
        Assert.All((await CohortSilos.Details(silo.Grains, "covariate", "sub-02")).Stages, s => Assert.Equal(1, s.Completions));
    }

    [Fact]
    public async Task A_missing_input_fails_that_subjects_ingest_with_a_clear_reason_while_the_others_complete()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("missing");
        var missing = data.Subject("sub-02");
        File.Delete(missing.Inputs.T1);

        await cohort.Submit([data.Subject("sub-01"), missing, data.Subject("sub-03")]);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);
        var failed = await CohortSilos.Details(silo.Grains, "missing", "sub-02");

        Assert.All(progress.Stages, s => Assert.Equal((2, 1, 0, 0), (s.Done, s.Failed, s.Pending, s.Running)));
        var failure = Assert.Single(progress.Failures);
        Assert.Equal(("sub-02", "ingest"), (failure.SubjectId, failure.Stage));
        Assert.Equal($"T1 image '{missing.Inputs.T1}' does not exist.", failure.Reason);
        Assert.Equal((StageStatus.Failed, 1, 0), (failed.Stage("ingest").Status, failed.Stage("ingest").Attempts, failed.Stage("ingest").Completions));
        Assert.Equal("not run: stage 'ingest' failed", failed.Stage(IntensityStage.StageName).LastError);
        Assert.Equal(0, failed.Stage(IntensityStage.StageName).Attempts);
    }

    [Fact]
    public async Task An_input_outside_the_data_root_is_refused()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("outside");
        var outside = Path.Combine(Path.GetDirectoryName(data.DataRoot)!, "elsewhere_T1w.nii.gz");
        CohortTestData.WriteVolume(outside, 100, Affine.Identity);
        var escaping = Path.Combine(data.DataRoot, "..", "elsewhere_T1w.nii.gz");

        await cohort.Submit([new SubjectSubmission("sub-01", new SubjectInputs(escaping), new Covariates())]);
        var failure = Assert.Single((await CohortSilos.WaitForCompletionAsync(cohort)).Failures);

        Assert.Equal("ingest", failure.Stage);
        Assert.Contains($"lies outside the data root '{data.DataRoot}' ([paths].data)", failure.Reason);
    }

    [Fact]
    public async Task A_FLAIR_on_another_grid_fails_ingest_naming_both_images()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("grid");
        var subject = data.Subject("sub-01", flair: true);
        CohortTestData.WriteVolume(subject.Inputs.Flair!, 50, Affine.Scaling(2, 2, 2), size: 6);

        await cohort.Submit([subject]);
        var failure = Assert.Single((await CohortSilos.WaitForCompletionAsync(cohort)).Failures);

        Assert.Equal($"FLAIR image '{subject.Inputs.Flair}' is not on the grid of T1 image '{subject.Inputs.T1}' (6x6x6 vs 8x8x8) and the subject has no FLAIR→T1 transform; " +
            "give one (a flair_to_t1 column in the participants file, or fMRIPrep/ANTs files found by submit --transforms), " +
            "or let ingest register it: submit --flair-alignment register (cohort parameter flair_alignment = \"register\").", failure.Reason);
    }

    [Fact]
    public async Task Duplicate_subject_ids_are_refused_naming_them_and_nothing_is_stored()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("duplicates");

        var error = await Assert.ThrowsAsync<CohortSubmissionException>(() =>
            cohort.Submit([data.Subject("sub-01"), data.Subject("sub-02"), data.Subject("sub-01")]));

        Assert.Equal("Cohort 'duplicates' submission refused: subject id 'sub-01' appears 2 times (positions 1, 3).", error.Message);
        Assert.False(await cohort.IsMember("sub-02"));
        Assert.Equal(0, (await cohort.GetProgress()).Subjects);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}

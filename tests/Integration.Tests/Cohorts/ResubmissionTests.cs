using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using RelevanceRelated.Analysis;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Integration.Tests.Cluster;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// Failed subjects and the same submission sent again: a subject runs again when its input files changed on disk
/// (by content, the path being the same) or its ingest had failed; otherwise nothing reruns. And the retry verb's grain.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ResubmissionTests
{
    /// <summary><c>picky</c>: fails subjects whose T1 is darker than 150 on average.</summary>
    private sealed class PickyStage : ISubjectStage
    {
        public string Name => "picky";

        public IReadOnlyList<string> DependsOn => [IntensityStage.StageName];

        public string ConfigurationHash(CohortSettings settings) => StageHash.Of("picky/1");

        public Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
        {
            var mean = context.Result<MeasuredValue>(IntensityStage.StageName).Value;
            return mean < 150 ? throw new InvalidInputException($"T1 too dark ({mean:F0})") : Task.FromResult<StageResult>(new MeasuredValue(mean));
        }
    }

    private static Task<TestSilo> StartAsync(CohortTestData data) => TestSilo.StartAsync(CohortSilos.EmbeddedSettings("resubmit"), silo =>
    {
        CohortSilos.Configure(data)(silo);
        silo.Services.AddSingleton<ISubjectStage, PickyStage>();
    });

    [Fact]
    public async Task A_failed_subject_whose_T1_changed_on_disk_runs_again_when_the_same_submission_is_sent_again()
    {
        var data = new CohortTestData();
        await using var silo = await StartAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("changed");
        ImmutableArray<SubjectSubmission> subjects = [data.Subject("sub-01", intensity: 100), data.Subject("sub-02", intensity: 200)];
        await cohort.Submit(subjects);
        Assert.Equal(1, (await CohortSilos.WaitForCompletionAsync(cohort)).FailedSubjects);

        var unchanged = await cohort.Submit(subjects);
        data.Subject("sub-01", intensity: 180);
        var fixedInput = await cohort.Submit(subjects);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);

        Assert.Equal(new SubmitResult(0, 0, 2, 0), unchanged);
        Assert.Equal(new SubmitResult(0, 0, 2, 1), fixedInput);
        Assert.Equal(0, progress.FailedSubjects);
        var details = await CohortSilos.Details(silo.Grains, "changed", "sub-01");
        Assert.Equal(180 + 1533.0 / 512, details.Stage("picky").ResultAs<MeasuredValue>().Value, 9);
        Assert.Equal(2, details.Stage("ingest").Completions);
        Assert.Equal(1, (await CohortSilos.Details(silo.Grains, "changed", "sub-02")).Stage("ingest").Completions);
    }

    [Fact]
    public async Task A_subject_whose_ingest_failed_runs_again_when_resubmitted_once_its_file_exists()
    {
        var data = new CohortTestData();
        await using var silo = await StartAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("missing-then-fixed");
        var subject = data.Subject("sub-01", intensity: 200);
        File.Move(subject.Inputs.T1, subject.Inputs.T1 + ".away");
        await cohort.Submit([subject]);
        Assert.Equal("ingest", Assert.Single((await CohortSilos.WaitForCompletionAsync(cohort)).Failures).Stage);

        File.Move(subject.Inputs.T1 + ".away", subject.Inputs.T1);
        var result = await cohort.Submit([subject]);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);

        Assert.Equal(1, result.Retried);
        Assert.Equal(0, progress.FailedSubjects);
    }

    [Fact]
    public async Task Retry_runs_the_failed_stages_again_and_a_subject_with_nothing_failed_is_left_alone()
    {
        var data = new CohortTestData();
        await using var silo = await StartAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("retry");
        await cohort.Submit([data.Subject("sub-01", intensity: 100), data.Subject("sub-02", intensity: 200)]);
        await CohortSilos.WaitForCompletionAsync(cohort);

        var retried = await cohort.Retry("picky", null);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);

        Assert.Equal(1, retried.Subjects);
        // Still too dark: it failed again, after a second attempt of that stage only.
        Assert.Equal(1, progress.FailedSubjects);
        var details = await CohortSilos.Details(silo.Grains, "retry", "sub-01");
        Assert.Equal((2, 1), (details.Stage("picky").Attempts, details.Stage("ingest").Attempts));
        Assert.Equal(1, (await CohortSilos.Details(silo.Grains, "retry", "sub-02")).Stage("picky").Attempts);
        await Assert.ThrowsAsync<CohortSubmissionException>(() => cohort.Retry("no-such-stage", null));
    }
}

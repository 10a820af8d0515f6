using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Integration.Tests.Cluster;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// A client that dies in the middle of a batched submit (after some batches, before the commit) leaves the cohort as it
/// was; the next submit of the same file adds every subject once, and the abandoned submission expires.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AbandonedSubmissionTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task An_uncommitted_submission_adds_nothing_and_a_later_submit_adds_every_subject_once()
    {
        var data = new CohortTestData();
        await using var silo = await TestSilo.StartAsync(CohortSilos.EmbeddedSettings("abandoned"), builder =>
        {
            CohortSilos.Configure(data, concurrency: 2)(builder);
            builder.Services.Configure<CohortOptions>(o => o.OpenSubmissionLifetime = Lifetime);
        });
        var cohort = silo.Grains.GetGrain<ICohortGrain>("abandoned");
        ImmutableArray<SubjectSubmission> subjects = [.. Enumerable.Range(1, 6).Select(i => data.Subject($"sub-{i:00}"))];

        // The dying client: two of three batches sent, no commit.
        var abandoned = await cohort.BeginSubmission(subjects.Length);
        await cohort.AddToSubmission(abandoned, subjects[..2]);
        await cohort.AddToSubmission(abandoned, subjects[2..4]);

        Assert.Equal(0, (await cohort.GetProgress()).Subjects);
        Assert.Equal(0, await cohort.GetPageCount() is var pages && pages > 0 ? (await cohort.GetPage(0)).Members.Length : 0);
        Assert.False(await cohort.IsMember("sub-01"));

        // The user runs submit again: a new submission, in batches, then the commit.
        var retry = await cohort.BeginSubmission(subjects.Length);
        await cohort.AddToSubmission(retry, subjects[..3]);
        await cohort.AddToSubmission(retry, subjects[3..]);
        Assert.Equal(new SubmitResult(6, 0, 0), await cohort.CommitSubmission(retry));
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);
        await Task.Delay(Lifetime + TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(6, progress.Subjects);
        Assert.All(progress.Stages, s => Assert.Equal(6, s.Done));

        // Idle past its lifetime, the abandoned submission is gone: its late commit is refused.
        var error = await Assert.ThrowsAsync<CohortSubmissionException>(() => cohort.CommitSubmission(abandoned));
        Assert.Contains("idle for more than", error.Message);
        Assert.Equal(6, (await cohort.GetProgress()).Subjects);
    }
}

namespace RelevanceRelated.Contracts;

/// <summary>How a client sends a submission of any size: in batches within one submission that the cohort takes whole.</summary>
public static class CohortSubmissions
{
    /// <summary>Rows per message: 100,000 rows travel as 20 messages of about a megabyte.</summary>
    public const int BatchSize = 5000;

    /// <summary>Opens a submission, sends the rows in batches of <see cref="BatchSize"/> and commits them as one.</summary>
    public static async Task<SubmitResult> SubmitInBatchesAsync(this ICohortGrain cohort, IReadOnlyList<SubjectSubmission> subjects)
    {
        var submission = await cohort.BeginSubmission(subjects.Count);
        foreach (var batch in subjects.Chunk(BatchSize)) await cohort.AddToSubmission(submission, [.. batch]);
        return await cohort.CommitSubmission(submission);
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelevanceRelated.Contracts;
using RelevanceRelated.Contracts.Serialization;

namespace RelevanceRelated.Hosting.Benchmarks;

/// <summary>
/// The stage results of a real run of the pipeline (every production stage of each subject of a simulated cohort), kept
/// so that a benchmark can replay them for any number of subjects: subject <c>bench-000042</c> gets the results and
/// covariates of recorded subject 42 mod n. Saved as JSON (each result under its stage's name).
/// </summary>
public sealed class CohortRecording
{
    /// <summary>The production stages, their result types and what each depends on, in pipeline order.</summary>
    public static readonly IReadOnlyList<(string Stage, Type Result, string[] DependsOn)> Stages =
    [
        (StageNames.Ingest, typeof(IngestResult), []),
        (StageNames.Pvs, typeof(PvsResult), [StageNames.Ingest]),
        (StageNames.BrainAge, typeof(BrainAgeResult), [StageNames.Ingest]),
        (StageNames.Relevance, typeof(RelevanceResult), [StageNames.BrainAge]),
        (StageNames.Features, typeof(FeaturesResult), [StageNames.Ingest, StageNames.Pvs, StageNames.BrainAge, StageNames.Relevance]),
    ];

    private readonly IReadOnlyList<RecordedSubject> _subjects;

    public CohortRecording(IReadOnlyList<RecordedSubject> subjects)
    {
        if (subjects.Count == 0) throw new InvalidInputException("a cohort recording needs at least one subject");
        _subjects = subjects;
    }

    public sealed record RecordedSubject(Covariates Covariates, IReadOnlyDictionary<string, StageResult> Results);

    public int Count => _subjects.Count;

    /// <summary>The subjects' recorded details: every stage done with a result.</summary>
    public static CohortRecording From(IEnumerable<SubjectDetails> details) => new([.. details.Select(d => new RecordedSubject(
        d.Submission!.Covariates,
        Stages.ToDictionary(s => s.Stage, s => d.Stages.Single(r => r.Stage == s.Stage).Result
            ?? throw new InvalidInputException($"recording: subject {d.SubjectId} has no result for stage {s.Stage} ({d.Stages.Single(r => r.Stage == s.Stage).LastError})"))))]);

    /// <summary>
    /// Runs <paramref name="submissions"/> (a simulated cohort whose files exist) through every production stage under
    /// <paramref name="config"/> in a silo of this process, and keeps each stage's result.
    /// </summary>
    public static async Task<CohortRecording> RecordAsync(RelevanceRelatedConfig config, IReadOnlyList<SubjectSubmission> submissions, TimeSpan timeout)
    {
        using var host = await EmbeddedSilo.StartCohortServiceAsync(config, "record");
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var cohort = grains.GetGrain<ICohortGrain>("record");
            await cohort.Submit([.. submissions]);
            var deadline = DateTime.UtcNow + timeout;
            while (!(await cohort.GetProgress()).Complete)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"recording: the cohort did not complete within {timeout}");
                await Task.Delay(500);
            }
            return From(await Task.WhenAll(submissions.Select(s => grains.GetGrain<ISubjectGrain>(SubjectKey.Of("record", s.SubjectId)).GetDetails())));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public static string SubjectId(int index) => $"bench-{index.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>Submissions of <paramref name="count"/> subjects with the recorded covariates (their paths are never read).</summary>
    public IReadOnlyList<SubjectSubmission> Submissions(int count) => [.. Enumerable.Range(0, count).Select(i =>
        new SubjectSubmission(SubjectId(i), new SubjectInputs($"/recorded/{SubjectId(i)}_T1w.nii.gz"), _subjects[i % _subjects.Count].Covariates))];

    public StageResult Result(string subjectId, string stage) =>
        _subjects[int.Parse(subjectId.AsSpan("bench-".Length), CultureInfo.InvariantCulture) % _subjects.Count].Results[stage];

    public void Save(string path)
    {
        var subjects = new JsonArray([.. _subjects.Select(s => (JsonNode)new JsonObject
        {
            ["covariates"] = JsonSerializer.SerializeToNode(s.Covariates, AnalysisRecords.JsonOptions),
            ["results"] = new JsonObject(Stages.Select(stage => KeyValuePair.Create(stage.Stage,
                JsonSerializer.SerializeToNode(s.Results[stage.Stage], stage.Result, AnalysisRecords.JsonOptions)))),
        })]);
        var text = new JsonObject { ["subjects"] = subjects }.ToJsonString();
        AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <exception cref="InvalidInputException">The file is not a recording (the message names the file).</exception>
    public static CohortRecording Load(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!;
            return new([.. root["subjects"]!.AsArray().Select(s => new RecordedSubject(
                s!["covariates"].Deserialize<Covariates>(AnalysisRecords.JsonOptions)!,
                Stages.ToDictionary(stage => stage.Stage, stage => (StageResult)s["results"]![stage.Stage].Deserialize(stage.Result, AnalysisRecords.JsonOptions)!)))]);
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidInputException($"{path}: not a cohort recording ({ex.Message}); delete it to record again.", ex);
        }
    }
}

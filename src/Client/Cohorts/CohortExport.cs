using System.Globalization;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Analysis.Xai.Heatmaps;
using RelevanceRelated.Grains;
using RelevanceRelated.Grains.Artifacts;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// Exports a cohort: fetches every member's <see cref="SubjectDetails"/> from the cluster, reads the artifacts through
/// the shared store (<c>[paths].artifacts</c>, hashes verified) and writes under the output directory
/// <c>maps/SUBJECT_ROLE.nii.gz</c> (relevance maps, PVS masks), <c>heatmaps/SUBJECT_MODEL.png</c> (relevance over the T1),
/// <c>tables/STAGE.tsv</c>, and the report's tables, figures and <c>report.html</c> (<see cref="CohortReport"/>).
/// Every file is written atomically.
/// </summary>
public static class CohortExport
{
    public sealed record Result(IReadOnlyList<CohortSubject> Subjects, IReadOnlyList<CohortSummary> Summaries, IReadOnlyList<string> Files);

    /// <summary>Every member's details, in member order.</summary>
    /// <exception cref="InvalidInputException">The cohort has no members (unknown name).</exception>
    public static async Task<IReadOnlyList<SubjectDetails>> FetchAsync(IGrainFactory grains, string cohort)
    {
        var members = await grains.GetGrain<ICohortGrain>(cohort).GetMembers();
        if (members.IsEmpty) throw new InvalidInputException($"cohort '{cohort}' has no subjects; submit it first (relevancerelated submit --cohort {cohort} ...).");
        var details = await Task.WhenAll(members.Select(id => grains.GetGrain<ISubjectGrain>(SubjectKey.Of(cohort, id)).GetDetails()));
        return details;
    }

    /// <summary>The report's view of a subject: covariates, every stage's values as <c>stage.key</c>, and regional relevance from the features stage's tables.</summary>
    public static async Task<CohortSubject> ToSubjectAsync(SubjectDetails details, ArtifactStore store)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var record in details.Stages.Where(r => r.Status == StageStatus.Done))
            foreach (var (key, value) in record.Values) values[$"{record.Stage}.{key}"] = value;
        var regions = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var features = details.Stages.FirstOrDefault(r => r.Stage == StageNames.Features && r.Status == StageStatus.Done);
        if (features is not null)
            foreach (var (role, reference) in features.Artifacts.Where(a => a.Key.EndsWith(".regions", StringComparison.Ordinal)))
                regions[role[..^".regions".Length]] = ReadRegions(await store.ReadAllBytesAsync(reference), reference);
        var covariates = details.Submission?.Covariates;
        return new CohortSubject(details.SubjectId, covariates?.Age, covariates?.Sex, values, regions);
    }

    /// <summary>structure_name → sum_relevance from a region table (TSV with <see cref="Analysis.Features.RegionRelevance.ColumnNames"/>).</summary>
    private static Dictionary<string, double> ReadRegions(byte[] tsv, ArtifactReference reference)
    {
        var lines = System.Text.Encoding.UTF8.GetString(tsv).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split('\t');
        int name = Array.IndexOf(header, "structure_name"), sum = Array.IndexOf(header, "sum_relevance");
        if (name < 0 || sum < 0) throw new InvalidInputException($"region table {reference.RelativePath}: expected columns structure_name and sum_relevance.");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split('\t');
            result[cells[name]] = double.Parse(cells[sum], CultureInfo.InvariantCulture);
        }
        return result;
    }

    public static async Task<Result> WriteAsync(string cohort, IReadOnlyList<SubjectDetails> details, string artifacts, string directory)
    {
        var store = new ArtifactStore(artifacts);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        foreach (var table in CohortTables.Write(details, StageNames.All, Path.Combine(directory, "tables")))
            files.Add(Path.GetRelativePath(directory, table).Replace('\\', '/'));
        foreach (var subject in details)
        {
            files.AddRange(await CopyMapsAsync(subject, store, directory));
            files.AddRange(await HeatmapsAsync(subject, store, directory));
        }
        var subjects = new List<CohortSubject>();
        foreach (var d in details) subjects.Add(await ToSubjectAsync(d, store));
        var (summaries, written) = CohortReport.Write(cohort, subjects, directory, files);
        return new Result(subjects, summaries, [.. files, .. written]);
    }

    /// <summary>The volume artifacts of pvs and relevance (PVS mask, relevance per model) as maps/SUBJECT_ROLE.nii.gz.</summary>
    private static async Task<IReadOnlyList<string>> CopyMapsAsync(SubjectDetails subject, ArtifactStore store, string directory)
    {
        var written = new List<string>();
        foreach (var record in subject.Stages.Where(r => r.Stage is StageNames.Pvs or StageNames.Relevance && r.Status == StageStatus.Done))
            foreach (var (role, reference) in record.Artifacts.Where(a => a.Value.RelativePath.EndsWith(".nii.gz", StringComparison.Ordinal)))
            {
                var source = await store.GetVerifiedPathAsync(reference);
                var relative = $"maps/{subject.SubjectId}_{role}.nii.gz";
                AtomicFile.Write(Path.Combine(directory, relative), target =>
                {
                    using var input = File.OpenRead(source);
                    input.CopyTo(target);
                });
                written.Add(relative);
            }
        return written;
    }

    /// <summary>heatmaps/SUBJECT_MODEL.png: each model's relevance over the subject's stored T1 (same grid: the relevance map is native).</summary>
    private static async Task<IReadOnlyList<string>> HeatmapsAsync(SubjectDetails subject, ArtifactStore store, string directory)
    {
        var ingest = subject.Stages.FirstOrDefault(r => r.Stage == StageNames.Ingest && r.Status == StageStatus.Done);
        var relevance = subject.Stages.FirstOrDefault(r => r.Stage == StageNames.Relevance && r.Status == StageStatus.Done);
        if (ingest is null || relevance is null || !ingest.Artifacts.TryGetValue("t1", out var t1Reference)) return [];
        using var t1 = VolumeFile.Read(await store.GetVerifiedPathAsync(t1Reference));
        var written = new List<string>();
        foreach (var (role, reference) in relevance.Artifacts.Where(a => a.Key.EndsWith(".relevance", StringComparison.Ordinal)))
        {
            using var map = VolumeFile.Read(await store.GetVerifiedPathAsync(reference));
            if (map.Shape3 != t1.Shape3) continue;
            var png = RelevanceHeatmap.Render(t1.Frame(0), map.Frame(0), t1.Nx, t1.Ny, t1.Nz);
            var relative = $"heatmaps/{subject.SubjectId}_{role[..^".relevance".Length]}.png";
            AtomicFile.Write(Path.Combine(directory, relative), s => s.Write(png));
            written.Add(relative);
        }
        return written;
    }
}

using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Analysis.Xai.Heatmaps;
using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// Exports a cohort: its members page by page and its statistics from the cluster (no artifact store needed for these),
/// and, when the store is mounted, each member's maps (PVS mask and relevance maps, NIfTI, hash-checked) and heatmaps.
/// Writes <c>tables/</c> (<c>subjects.csv</c>, <c>cohort_features.csv</c>, <c>statistics.csv</c>,
/// <c>regional_correlations.csv</c>), <c>maps/SUBJECT_ROLE.nii.gz</c>, <c>heatmaps/SUBJECT_MODEL.png</c>, <c>figures/</c> and
/// <c>report.html</c>. Everything is written into a temporary folder first and moved into place only when every
/// artifact was good; otherwise nothing is replaced and the error lists every bad artifact.
/// </summary>
public static class CohortExport
{
    public sealed record Result(CohortStatisticsReport Statistics, IReadOnlyList<CohortMember> Members, IReadOnlyList<string> Files);

    /// <summary>Every member of the cohort, in page (partition) order and by id within a page.</summary>
    /// <exception cref="InvalidInputException">The cohort has no members (unknown name).</exception>
    public static async Task<IReadOnlyList<CohortMember>> FetchMembersAsync(IGrainFactory grains, string cohort)
    {
        var grain = grains.GetGrain<ICohortGrain>(cohort);
        var pages = await grain.GetPageCount();
        var members = new List<CohortMember>();
        for (var page = 0; page < pages; page++) members.AddRange((await grain.GetPage(page)).Members);
        if (members.Count == 0) throw new InvalidInputException($"cohort '{cohort}' has no subjects; submit it first (relevancerelated submit --cohort {cohort} ...).");
        return members;
    }

    /// <param name="artifactsRoot">The artifact store (<c>[paths].artifacts</c>), or null to export tables, figures and the report only.</param>
    /// <exception cref="InvalidInputException">Artifacts are missing or corrupt (every one named); nothing was written.</exception>
    public static async Task<Result> WriteAsync(IGrainFactory grains, string cohort, string? artifactsRoot, string directory)
    {
        var members = await FetchMembersAsync(grains, cohort);
        var statistics = await grains.GetGrain<ICohortGrain>(cohort).GetStatistics();
        var staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directory))!, $".{Path.GetFileName(Path.GetFullPath(directory))}.export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var files = new List<string>();
            var problems = new List<string>();
            files.Add(SubjectsTable.Write(members, Path.Combine(staging, "tables")));
            if (artifactsRoot is not null)
            {
                var store = new ArtifactStore(artifactsRoot);
                foreach (var member in members)
                {
                    files.AddRange(await CopyMapsAsync(member, store, staging, problems));
                    files.AddRange(await HeatmapsAsync(member, store, staging, problems));
                }
            }
            if (problems.Count > 0)
                throw new InvalidInputException($"export of cohort '{cohort}' stopped; nothing was written. {problems.Count} artifact(s) are missing or corrupt:\n  " +
                    string.Join("\n  ", problems));
            var rows = members.Select(m => m.Row).OfType<SubjectFeatureRow>().ToList();
            files.AddRange(CohortReport.Write(cohort, rows, statistics.Summaries, staging, files));
            MoveInto(staging, directory);
            return new Result(statistics, members, files);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Moves each top-level entry of the staging folder over its counterpart in <paramref name="directory"/> (other entries there are kept).</summary>
    private static void MoveInto(string staging, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var entry in Directory.EnumerateFileSystemEntries(staging))
        {
            var target = Path.Combine(directory, Path.GetFileName(entry));
            if (File.Exists(entry))
            {
                File.Move(entry, target, overwrite: true);
                continue;
            }
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(entry, target);
        }
    }

    /// <summary>The PVS mask and each model's relevance map as maps/SUBJECT_ROLE.nii.gz.</summary>
    private static async Task<IReadOnlyList<string>> CopyMapsAsync(CohortMember member, ArtifactStore store, string directory, List<string> problems)
    {
        var written = new List<string>();
        var id = member.Submission.SubjectId;
        foreach (var (role, reference) in member.Artifacts.Where(a => IsMap(a.Key)))
        {
            var relative = $"maps/{id}_{role}.nii.gz";
            try
            {
                var source = await store.GetVerifiedPathAsync(reference);
                AtomicFile.Write(Path.Combine(directory, relative), target =>
                {
                    using var input = File.OpenRead(source);
                    input.CopyTo(target);
                });
                written.Add(relative);
            }
            catch (ArtifactIntegrityException ex)
            {
                problems.Add($"{id} {role}: {ex.Message}");
            }
        }
        return written;
    }

    /// <summary>heatmaps/SUBJECT_MODEL.png: each model's relevance over the subject's stored T1 (same grid: the relevance map is native).</summary>
    private static async Task<IReadOnlyList<string>> HeatmapsAsync(CohortMember member, ArtifactStore store, string directory, List<string> problems)
    {
        var id = member.Submission.SubjectId;
        if (!member.Artifacts.TryGetValue(IngestResult.T1, out var t1Reference)) return [];
        var written = new List<string>();
        try
        {
            using var t1 = VolumeFile.Read(await store.GetVerifiedPathAsync(t1Reference));
            foreach (var (role, reference) in member.Artifacts.Where(a => a.Key.EndsWith(RelevanceRole, StringComparison.Ordinal)))
            {
                using var map = VolumeFile.Read(await store.GetVerifiedPathAsync(reference));
                if (map.Shape3 != t1.Shape3) continue;
                var png = RelevanceHeatmap.Render(t1.Frame(0), map.Frame(0), t1.Nx, t1.Ny, t1.Nz);
                var relative = $"heatmaps/{id}_{role[..^RelevanceRole.Length]}.png";
                AtomicFile.Write(Path.Combine(directory, relative), s => s.Write(png));
                written.Add(relative);
            }
        }
        catch (ArtifactIntegrityException ex)
        {
            problems.Add($"{id} heatmaps: {ex.Message}");
        }
        return written;
    }

    private const string RelevanceRole = RelevanceResult.MapRoleSuffix;

    private static bool IsMap(string role) => role == PvsResult.MaskRole || role.EndsWith(RelevanceRole, StringComparison.Ordinal);
}

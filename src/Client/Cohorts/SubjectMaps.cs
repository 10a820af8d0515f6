using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Analysis.Reports.Viewer;
using RelevanceRelated.Analysis.Xai.Heatmaps;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// The export's per-subject files from the artifact store (every artifact hash-checked): the PVS mask and relevance
/// maps as <c>maps/SUBJECT_ROLE.nii.gz</c>, a heatmap per model over the subject's T1 (<c>heatmaps/SUBJECT_MODEL.webp</c>)
/// and the viewer's volumes (<c>viewer/SUBJECT.js</c>); meanwhile it sums each model's relevance over the subjects on the
/// first subject's grid for the cohort mean map (simulated cohorts share one grid; native-space real brains do not, so
/// their mean waits for a common template space).
/// </summary>
public sealed class SubjectMaps(ArtifactStore store, string directory, string rule)
{
    public const ImageEncoding HeatmapEncoding = ImageEncoding.Webp;

    private const string RelevanceRole = RelevanceResult.MapRoleSuffix;

    /// <summary>Sums per grid (shape and affine) in double, so the order subjects arrive in (they are exported in parallel) does not change the mean.</summary>
    private readonly List<GridSums> _grids = [];
    private readonly Lock _summing = new();

    private sealed class GridSums(IReadOnlyList<int> shape, Affine affine, int voxels, int firstMember)
    {
        public IReadOnlyList<int> Shape { get; } = shape;
        public Affine Affine { get; } = affine;
        public int FirstMember { get; } = firstMember;
        public double[] Anatomy { get; } = new double[voxels];
        public int AnatomyCount { get; set; }
        public SortedDictionary<string, (double[] Sum, int Count)> Relevance { get; } = new(StringComparer.Ordinal);
    }

    public sealed record Exported(SubjectFiles Subject, IReadOnlyList<string> Files);

    /// <summary>Writes one member's files; a missing or corrupt artifact is added to <paramref name="problems"/> instead. Safe to call for several members at once.</summary>
    /// <param name="index">The member's position in the cohort (decides which grid the cohort mean uses when counts tie).</param>
    public async Task<Exported> ExportAsync(CohortMember member, int index, System.Collections.Concurrent.ConcurrentQueue<string> problems)
    {
        ArgumentNullException.ThrowIfNull(member);
        var id = member.Submission.SubjectId;
        var written = new List<string>();
        var maps = new Dictionary<string, string>(StringComparer.Ordinal);
        var heatmaps = new Dictionary<string, string>(StringComparer.Ordinal);
        var volumes = new List<ViewerVolume>();
        try
        {
            foreach (var (role, reference) in member.Artifacts.Where(a => IsMap(a.Key)))
            {
                var relative = $"maps/{id}_{role}.nii.gz";
                var bytes = await File.ReadAllBytesAsync(await store.GetVerifiedPathAsync(reference));
                AtomicFile.Write(Path.Combine(directory, relative), stream => stream.Write(bytes));
                written.Add(relative);
                maps[role] = relative;
                if (role == PvsResult.MaskRole) volumes.Add(new ViewerVolume($"{id}_{role}.nii.gz", "PVS mask", ViewerVolumeKind.Mask, bytes));
            }
            if (member.Artifacts.TryGetValue(IngestResult.T1, out var t1Reference))
            {
                var t1Path = await store.GetVerifiedPathAsync(t1Reference);
                using var t1 = VolumeFile.Read(t1Path);
                var anatomy = new ViewerVolume($"{id}_t1{Extension(t1Path)}", "T1", ViewerVolumeKind.Anatomy, await File.ReadAllBytesAsync(t1Path));
                var sums = AddAnatomy(t1, index);
                foreach (var (role, reference) in member.Artifacts.Where(a => a.Key.EndsWith(RelevanceRole, StringComparison.Ordinal)))
                {
                    using var map = VolumeFile.Read(await store.GetVerifiedPathAsync(reference));
                    if (map.Shape3 != t1.Shape3) continue;
                    var model = role[..^RelevanceRole.Length];
                    var relevance = map.Memory[..map.SpatialCount];
                    var scale = HeatmapScale.ForRelevance(relevance.Span);
                    var prediction = member.Row?.Model(model)?.Prediction;
                    var title = $"{id} · age {ReportNumbers.Years(member.Submission.Covariates.Age ?? double.NaN)} y · {model} predicted " +
                        $"{ReportNumbers.Years(prediction?.Ensemble ?? double.NaN)} y (gap {ReportNumbers.SignedYears(prediction?.Dba ?? double.NaN)} y)";
                    using (var image = RelevanceHeatmap.Render(t1, relevance, scale, title, $"LRP {rule} relevance of {model} over the subject's T1", $"{id} {role}"))
                    {
                        var relative = $"heatmaps/{id}_{model}{HeatmapEncoding.Extension()}";
                        var encoded = image.Encode(HeatmapEncoding);
                        AtomicFile.Write(Path.Combine(directory, relative), stream => stream.Write(encoded));
                        written.Add(relative);
                        heatmaps[model] = relative;
                    }
                    if (maps.TryGetValue(role, out var copied))
                        volumes.Add(new ViewerVolume(Path.GetFileName(copied), $"{model} relevance", ViewerVolumeKind.Relevance,
                            await File.ReadAllBytesAsync(Path.Combine(directory, copied)), scale.Limit));
                    AddRelevance(sums, model, relevance.Span);
                }
                if (volumes.Count > 0)
                {
                    var legend = $"{id}: T1 with " + string.Join(", ", volumes.Select(v => v.Title));
                    written.Add(ReportViewer.WriteEntry(directory, id, id, legend, [anatomy, .. volumes.OrderBy(v => v.Kind == ViewerVolumeKind.Mask)]));
                    return new Exported(new SubjectFiles(maps, heatmaps, InViewer: true), written);
                }
            }
        }
        catch (ArtifactIntegrityException ex)
        {
            problems.Enqueue($"{id}: {ex.Message}");
        }
        return new Exported(new SubjectFiles(maps, heatmaps, InViewer: false), written);
    }

    /// <summary>
    /// Each model's mean relevance over the subjects on the common grid, as a NIfTI map, a heatmap over the mean T1 and
    /// a viewer entry; none when fewer than two subjects share the grid.
    /// </summary>
    public (IReadOnlyList<CohortMap> Maps, IReadOnlyList<string> Files) WriteCohortMeans()
    {
        var maps = new List<CohortMap>();
        var written = new List<string>();
        // The grid most subjects share (a simulated cohort's one grid); the first member's on a tie.
        var grid = _grids.OrderByDescending(g => g.AnatomyCount).ThenBy(g => g.FirstMember).FirstOrDefault();
        if (grid is null) return (maps, written);
        using var anatomy = Mean(grid.Anatomy, grid.AnatomyCount, grid);
        foreach (var (model, (sum, count)) in grid.Relevance)
        {
            if (count < 2) continue;
            using var mean = Mean(sum, count, grid);
            var relative = $"maps/cohort_{model}_mean_relevance.nii.gz";
            VolumeFile.Write(mean, Path.Combine(directory, relative));
            var scale = HeatmapScale.ForRelevance(mean.Data);
            var heatmap = $"heatmaps/cohort_{model}_mean_relevance{HeatmapEncoding.Extension()}";
            using (var image = RelevanceHeatmap.Render(anatomy, mean.Memory[..mean.SpatialCount], scale, $"Cohort mean relevance · {model} · {count} subjects",
                       $"LRP {rule}; mean over subjects on a common grid, over their mean T1", $"cohort mean of {model}"))
            {
                var encoded = image.Encode(HeatmapEncoding);
                AtomicFile.Write(Path.Combine(directory, heatmap), stream => stream.Write(encoded));
            }
            var anatomyFile = $"maps/cohort_mean_t1.nii.gz";
            if (!File.Exists(Path.Combine(directory, anatomyFile)))
            {
                VolumeFile.Write(anatomy, Path.Combine(directory, anatomyFile));
                written.Add(anatomyFile);
            }
            var viewerId = $"cohort-{model}";
            written.Add(ReportViewer.WriteEntry(directory, viewerId, $"cohort mean relevance, {model}", $"cohort mean relevance of {model} over {count} subjects, on the mean T1",
            [
                new ViewerVolume("cohort_mean_t1.nii.gz", "mean T1", ViewerVolumeKind.Anatomy, File.ReadAllBytes(Path.Combine(directory, anatomyFile))),
                new ViewerVolume(Path.GetFileName(relative), $"{model} mean relevance", ViewerVolumeKind.Relevance, File.ReadAllBytes(Path.Combine(directory, relative)), scale.Limit),
            ]));
            written.AddRange([relative, heatmap]);
            maps.Add(new CohortMap(model, $"{model}: cohort mean relevance",
                $"Mean of the {count} subjects' {model} relevance maps voxel by voxel (they share one grid), drawn over their mean T1 as the subject heatmaps are.",
                heatmap, relative, viewerId));
        }
        return (maps, written);
    }

    /// <summary>Adds the T1 to the sums of its grid (shape and affine) and returns them.</summary>
    private GridSums AddAnatomy(Volume t1, int index)
    {
        lock (_summing)
        {
            var grid = _grids.FirstOrDefault(g => g.Shape.SequenceEqual(t1.Shape.Take(3)) && g.Affine.Equals(t1.Affine));
            if (grid is null) _grids.Add(grid = new GridSums([.. t1.Shape.Take(3)], t1.Affine, t1.SpatialCount, index));
            Add(grid.Anatomy, t1.Frame(0));
            grid.AnatomyCount++;
            return grid;
        }
    }

    private void AddRelevance(GridSums grid, string model, ReadOnlySpan<float> relevance)
    {
        lock (_summing)
        {
            var (sum, count) = grid.Relevance.TryGetValue(model, out var entry) ? entry : (new double[relevance.Length], 0);
            Add(sum, relevance);
            grid.Relevance[model] = (sum, count + 1);
        }
    }

    private static void Add(double[] sum, ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++) sum[i] += values[i];
    }

    private static Volume Mean(double[] sum, int count, GridSums grid)
    {
        var volume = new Volume([.. grid.Shape], grid.Affine);
        var data = volume.Data;
        for (var i = 0; i < data.Length; i++) data[i] = (float)(sum[i] / count);
        return volume;
    }

    /// <summary>A stored file's extensions (".nii.gz", ".mgz"): the viewer tells formats by name.</summary>
    private static string Extension(string path)
    {
        var name = Path.GetFileName(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? ".nii" : name[dot..];
    }

    private static bool IsMap(string role) => role == PvsResult.MaskRole || role.EndsWith(RelevanceRole, StringComparison.Ordinal);
}

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

    private (IReadOnlyList<int> Shape, Affine Affine)? _grid;
    private float[]? _anatomySum;
    private int _anatomyCount;
    private readonly SortedDictionary<string, (float[] Sum, int Count)> _relevanceSums = new(StringComparer.Ordinal);

    public sealed record Exported(SubjectFiles Subject, IReadOnlyList<string> Files);

    /// <summary>Writes one member's files; a missing or corrupt artifact is added to <paramref name="problems"/> instead.</summary>
    public async Task<Exported> ExportAsync(CohortMember member, List<string> problems)
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
                var onGrid = AddAnatomy(t1);
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
                    if (onGrid) AddRelevance(model, relevance.Span);
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
            problems.Add($"{id}: {ex.Message}");
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
        if (_grid is not { } grid || _anatomySum is null) return (maps, written);
        using var anatomy = Mean(_anatomySum, _anatomyCount, grid);
        foreach (var (model, (sum, count)) in _relevanceSums)
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

    /// <summary>Adds the T1 to the mean anatomy when it is on the common grid (the first T1's); false when it is not.</summary>
    private bool AddAnatomy(Volume t1)
    {
        _grid ??= ([.. t1.Shape.Take(3)], t1.Affine);
        if (!t1.Shape.Take(3).SequenceEqual(_grid.Value.Shape) || !t1.Affine.Equals(_grid.Value.Affine)) return false;
        _anatomySum ??= new float[t1.SpatialCount];
        System.Numerics.Tensors.TensorPrimitives.Add(_anatomySum, t1.Frame(0), _anatomySum);
        _anatomyCount++;
        return true;
    }

    private void AddRelevance(string model, ReadOnlySpan<float> relevance)
    {
        var (sum, count) = _relevanceSums.TryGetValue(model, out var entry) ? entry : (new float[relevance.Length], 0);
        System.Numerics.Tensors.TensorPrimitives.Add(sum, relevance, sum);
        _relevanceSums[model] = (sum, count + 1);
    }

    private static Volume Mean(float[] sum, int count, (IReadOnlyList<int> Shape, Affine Affine) grid)
    {
        var volume = Volume.FromData(sum, [.. grid.Shape], grid.Affine);
        System.Numerics.Tensors.TensorPrimitives.Divide(volume.Data, count, volume.Data);
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

using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Pvs;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>analyses</c>: the subject's rows of the original's tables through <see cref="SubjectAnalyses"/> (as the
/// <c>features</c> verb computes them), each stored as a CSV artifact for the cohort's analysis run. Relevance per
/// sequence is the mean of the native maps of the sub-ensembles of that sequence (<c>[models.NAME].sequence</c>), and
/// brain age the mean of their ensemble predictions. Atlases reach the subject through <see cref="AnalysisSpaces"/>.
/// </summary>
public sealed class AnalysesStage(RelevanceRelatedConfig config, PipelineOptions options, ArtifactStore store) : ISubjectStage
{
    private const string Version = "analyses/2";

    public string Name => StageNames.Analyses;

    public IReadOnlyList<string> DependsOn => [StageNames.Ingest, StageNames.Pvs, StageNames.BrainAge, StageNames.Relevance];

    public string ConfigurationHash(CohortSettings settings)
    {
        var p = config.Params;
        string[] atlases = [.. new[] { p.Pvs.BasalGangliaAtlas, p.FaAtlas }.Select(a => a is not null && config.Atlases.TryGetValue(a, out var c)
            ? $"{c.Name}|{c.File}|{c.Labels}|{c.Template}|{c.Threshold}|{c.DilateBy}" : "-")];
        return StageHash.Of([Version, Num(p.Wml.Threshold), p.Wml.Relevance.Name(), Num(p.Pvs.DilateBy), Num(p.Pvs.BasalGangliaDilateMaskBy),
            Num(p.FaThreshold), string.Join(",", p.SubcorticalRois), .. atlases]);
    }

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var subject = context.Submission.SubjectId;
        var ingest = context.Result<IngestResult>(StageNames.Ingest);
        var pvs = context.Result<PvsResult>(StageNames.Pvs);
        var brainAge = context.Result<BrainAgeResult>(StageNames.BrainAge);
        var relevance = context.Result<RelevanceResult>(StageNames.Relevance);
        var warnings = ImmutableArray.CreateBuilder<string>();

        var bySequence = new Dictionary<RelevanceSequence, SequenceRelevance>();
        try
        {
            foreach (var group in relevance.Models.GroupBy(m => brainAge.Model(m.Model)?.Sequence))
            {
                if (group.Key is not ("t1" or "flair")) continue;
                var sequence = RelevanceSequences.Parse(group.Key);
                var maps = group.ToList();
                var mean = await StageVolumes.ReadAsync(store, maps[0].Map, cancellationToken);
                for (var i = 1; i < maps.Count; i++)
                {
                    using var next = await StageVolumes.ReadAsync(store, maps[i].Map, cancellationToken);
                    VoxelGrid.RequireSame(mean, maps[0].Model + RelevanceResult.MapRoleSuffix, next, maps[i].Model + RelevanceResult.MapRoleSuffix, "map relevance to the T1 grid");
                    System.Numerics.Tensors.TensorPrimitives.Add(mean.Data, next.Data, mean.Data);
                }
                if (maps.Count > 1) System.Numerics.Tensors.TensorPrimitives.Divide(mean.Data, maps.Count, mean.Data);
                var age = maps.Average(m => brainAge.Model(m.Model)!.Prediction.Ensemble);
                bySequence[sequence] = new SequenceRelevance(mean, age);
            }

            using var lesions = ingest.Image(IngestResult.LesionProbability) is { } l ? await StageVolumes.ReadAsync(store, l.Stored, cancellationToken) : null;
            byte[]? clusters = null;
            if (pvs.Clusters is { } clustersReference)
            {
                using var clusterVolume = await StageVolumes.ReadAsync(store, clustersReference, cancellationToken);
                clusters = BinaryMask.NonZero(clusterVolume.Frame(0));
            }
            var freeSurfer = context.Submission.Inputs.FreeSurferDirectory is { } fs
                ? DataRoot.Resolve(options.DataRoot, fs, "FreeSurfer directory")
                : null;
            var grid = bySequence.Values.FirstOrDefault()?.Map;
            var transforms = await ingest.TemplateTransformsAsync(store, cancellationToken);
            using var basalGanglia = grid is null ? null
                : AnalysisSpaces.BasalGangliaOnT1(config, grid, transforms?.ToSubject ?? [], warnings, cancellationToken);
            using var fa = ingest.Image(IngestResult.FractionalAnisotropy) is { } f ? await StageVolumes.ReadAsync(store, f.Stored, cancellationToken) : null;
            var faInputs = fa is null ? null : AnalysisSpaces.FaOnTemplate(config, fa, transforms,
                bySequence.ToDictionary(s => s.Key, s => s.Value.Map), warnings, cancellationToken);

            var inputs = new SubjectAnalysisInputs(subject, context.Submission.Covariates.Age ?? double.NaN, bySequence,
                LesionProbability: lesions,
                FreeSurferDirectory: freeSurfer,
                PvsModel: PvsModelInputs.FromPrefix(pvs.ModelInput),
                PvsClusters: clusters,
                BasalGanglia: basalGanglia,
                Fa: faInputs);
            SubjectAnalysisTables found;
            try
            {
                found = SubjectAnalyses.Run(inputs, config.Params, cancellationToken);
            }
            finally
            {
                foreach (var moved in faInputs?.Relevance.Values ?? []) moved.Dispose();
            }
            warnings.AddRange(found.Warnings);
            var parts = ImmutableArray.CreateBuilder<AnalysisTablePart>(found.Tables.Count);
            foreach (var table in found.Tables)
            {
                var stored = await store.PutAsync(Encoding.UTF8.GetBytes(table.Csv), ".csv", cancellationToken);
                parts.Add(new AnalysisTablePart(table.Kind.Name(), table.RelativePath, stored));
            }
            return new AnalysesResult(parts.ToImmutable(), warnings.ToImmutable());
        }
        finally
        {
            foreach (var sequence in bySequence.Values) sequence.Map.Dispose();
        }
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Analyses.Fa;
using RelevanceRelated.Analysis.Analyses.Pvs;
using RelevanceRelated.Analysis.Analyses.Subcortical;
using RelevanceRelated.Analysis.Analyses.Wml;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>A sub-ensemble sequence's relevance map on the subject's T1 grid and its brain age.</summary>
public sealed record SequenceRelevance(Volume Map, double BrainAge);

/// <summary>The FA analysis's inputs on the template grid: the FA map, the JHU-like atlas's codes and names, and each sequence's relevance map moved there.</summary>
public sealed record FaInputs(Volume Fa, int[] Atlas, IReadOnlyDictionary<int, string> LabelNames, IReadOnlyDictionary<RelevanceSequence, Volume> Relevance);

/// <summary>What one subject brings to the analyses; each analysis runs when its inputs are there.</summary>
/// <param name="Relevance">Per sequence, on the T1 grid.</param>
/// <param name="LesionProbability">The lesion probability map on the T1 grid.</param>
/// <param name="FreeSurferDirectory">The subject's FreeSurfer folder (stats/, mri/).</param>
/// <param name="PvsModel">Which PVS model made <paramref name="PvsClusters"/> (T1 or T1-FLAIR).</param>
/// <param name="PvsClusters">The thresholded, cluster-filtered, undilated PVS mask on the T1 grid.</param>
/// <param name="BasalGanglia">The basal-ganglia probability map moved onto the T1 grid.</param>
public sealed record SubjectAnalysisInputs(
    string Subject,
    double Age,
    IReadOnlyDictionary<RelevanceSequence, SequenceRelevance> Relevance,
    Volume? LesionProbability = null,
    string? FreeSurferDirectory = null,
    PvsModelInput? PvsModel = null,
    byte[]? PvsClusters = null,
    Volume? BasalGanglia = null,
    FaInputs? Fa = null);

/// <summary>One subject's rows of one of the original's tables: the analysis, the table's path under the results folder, and the rows as CSV (with header).</summary>
public sealed record SubjectTable(AnalysisKind Kind, string RelativePath, string Csv);

public sealed record SubjectAnalysisTables(IReadOnlyList<SubjectTable> Tables, IReadOnlyList<string> Warnings);

/// <summary>
/// The analyses' per-subject step, one way for every caller (the cluster's <c>analyses</c> stage and the <c>features</c>
/// verb): the subject's rows of each of the original's tables, in its columns, which the cohort side concatenates into
/// the merged tables (<see cref="CohortAnalyses"/>). The sequences follow run.py: lesions with the FLAIR sub-ensembles'
/// relevance (<c>[params.wml].relevance</c> may choose T1), cortical and subcortical with T1's, PVS and FA with both.
/// </summary>
public static class SubjectAnalyses
{
    public static SubjectAnalysisTables Run(SubjectAnalysisInputs inputs, ParamsConfig parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (string.IsNullOrWhiteSpace(inputs.Subject)) throw new InvalidInputException("analyses: a subject identifier is required.");
        var tables = new List<SubjectTable>();
        var warnings = new List<string>();

        if (inputs.LesionProbability is { } lesions && inputs.Relevance.TryGetValue(parameters.Wml.Relevance, out var wmlRelevance))
        {
            VoxelGrid.RequireSame(wmlRelevance.Map, $"the {parameters.Wml.Relevance.Name()} relevance map", lesions, "the lesion probability map",
                "bring it to the T1's grid first");
            var row = WmlSubject.Row(inputs.Subject, wmlRelevance.Map.Frame(0), lesions.Frame(0), parameters.Wml.Threshold, inputs.Age, wmlRelevance.BrainAge);
            tables.Add(Table(AnalysisKind.Wml, ResultsLayout.WmlFolder, WmlCohort.FileName,
                MaskMetricsTable.Layout(MaskFeature.Wml, WmlCohort.SubjectColumn).ToText([row])));
        }
        cancellationToken.ThrowIfCancellationRequested();

        if (inputs.FreeSurferDirectory is { } freeSurfer && inputs.Relevance.TryGetValue(RelevanceSequence.T1, out var t1))
        {
            var found = FreeSurferTables.Compute(inputs.Subject, t1.Map, freeSurfer, parameters.SubcorticalRois, inputs.Age, t1.BrainAge);
            foreach (var (atlas, rows) in found.Cortical)
                tables.Add(Table(AnalysisKind.Cortical, ResultsLayout.StatsMapsFolder, CorticalTable.FileName(atlas), CorticalTable.Layout.ToText(rows)));
            if (found.Subcortical is { } subcortical)
            {
                tables.Add(Table(AnalysisKind.Subcortical, ResultsLayout.StatsMapsFolder, SubcorticalTable.FileName, SubcorticalTable.Layout.ToText(subcortical.Rows)));
                warnings.AddRange(subcortical.Warnings);
            }
            warnings.AddRange(found.Warnings);
        }
        cancellationToken.ThrowIfCancellationRequested();

        if (inputs is { PvsModel: { } pvsModel, PvsClusters: { } clusters } && inputs.Relevance.Count > 0)
        {
            var grid = inputs.Relevance.Values.First().Map;
            foreach (var sequence in inputs.Relevance)
                VoxelGrid.RequireSame(grid, "the relevance maps", sequence.Value.Map, $"the {sequence.Key.Name()} relevance map", "map relevance to the T1 grid");
            if (inputs.BasalGanglia is { } bg) VoxelGrid.RequireSame(grid, "the relevance maps", bg, "the basal-ganglia map", "move it onto the T1 grid");
            var maps = new PvsSubjectMaps(grid.Shape3,
                new Dictionary<PvsModelInput, byte[]> { [pvsModel] = clusters },
                inputs.Relevance.ToDictionary(r => r.Key, r => (ReadOnlyMemory<float>)r.Value.Map.Memory[..r.Value.Map.SpatialCount]),
                inputs.Relevance.ToDictionary(r => r.Key, r => r.Value.BrainAge),
                inputs.BasalGanglia is { } basalGanglia ? basalGanglia.Memory[..basalGanglia.SpatialCount] : null,
                inputs.Age);
            var pvs = parameters.Pvs;
            foreach (var (kind, sweep) in new[]
                     {
                         (AnalysisKind.Pvs, PvsSweeps.Sweep(pvs.DilateBy, pvs.BasalGangliaDilateMaskBy)),
                         (AnalysisKind.PvsOnlyBorder, PvsSweeps.BorderSweep(pvs.BasalGangliaDilateMaskBy)),
                     })
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var row in PvsSubject.Rows(inputs.Subject, sweep, maps))
                    tables.Add(Table(kind, ResultsLayout.PvsFolder, row.Configuration.FileName,
                        MaskMetricsTable.Layout(MaskFeature.Pvs, PvsCohort.SubjectColumn).ToText([row.Row])));
            }
        }

        if (inputs.Fa is { } fa)
        {
            var threshold = FaSubject.Threshold(fa.Fa.Frame(0), parameters.FaThreshold);
            foreach (var (sequence, map) in fa.Relevance.OrderBy(r => r.Key))
            {
                cancellationToken.ThrowIfCancellationRequested();
                VoxelGrid.RequireSame(fa.Fa, "the FA map", map, $"the {sequence.Name()} relevance map in template space", "move it to the FA map's template grid");
                var brainAge = inputs.Relevance.TryGetValue(sequence, out var s) ? s.BrainAge : double.NaN;
                var relevance = map.Memory[..map.SpatialCount];
                var rows = FaSubject.Rows(inputs.Subject, relevance, threshold, fa.Atlas, fa.LabelNames, inputs.Age, brainAge);
                tables.Add(Table(AnalysisKind.Fa, ResultsLayout.StatsMapsFolder, FaJhuTable.FileName(sequence), FaJhuTable.Layout.ToText(rows)));
                var similarity = FaSubject.Similarity(inputs.Subject, relevance.Span, threshold, fa.Atlas);
                tables.Add(Table(AnalysisKind.Fa, ResultsLayout.StatsMapsFolder, FaSimilarityTable.FileName(sequence), FaSimilarityTable.Layout.ToText([similarity])));
            }
        }
        return new SubjectAnalysisTables(tables, warnings);
    }

    private static SubjectTable Table(AnalysisKind kind, string folder, string fileName, string csv) => new(kind, $"{folder}/{fileName}", csv);
}

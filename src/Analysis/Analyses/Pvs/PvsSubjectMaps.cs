using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Analyses.Pvs;

/// <summary>
/// One subject's inputs to the PVS analysis, all on the subject's T1 grid (x fastest): per PVS model the thresholded,
/// cluster-filtered, undilated PVS mask (<see cref="PvsSubject.Clusters"/>); per sub-ensemble sequence the relevance map
/// and brain age; optionally the basal-ganglia probability map moved from template space (null or empty when there is
/// none: a null array converts to an empty memory); and the chronological age.
/// A configuration whose PVS model, relevance map or basal-ganglia map is missing gets no row.
/// </summary>
public sealed record PvsSubjectMaps(
    (int X, int Y, int Z) Shape,
    IReadOnlyDictionary<PvsModelInput, byte[]> Clusters,
    IReadOnlyDictionary<RelevanceSequence, ReadOnlyMemory<float>> Relevance,
    IReadOnlyDictionary<RelevanceSequence, double> BrainAge,
    ReadOnlyMemory<float>? BasalGanglia,
    double Age);

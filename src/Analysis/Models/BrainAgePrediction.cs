namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// One subject's brain age from one sub-ensemble: the age each base model predicts (in file order), the
/// ensemble's prediction from its head, and the brain-age gap DBA = predicted − chronological age when the age is known.
/// </summary>
public sealed record BrainAgePrediction(string Model, IReadOnlyList<double> BaseModels, double Ensemble, double? ChronologicalAge)
{
    public double? Dba => ChronologicalAge is { } age ? Ensemble - age : null;
}

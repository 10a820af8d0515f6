using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// One subject through one sub-ensemble: the prediction, the preprocessed input in the model's grid (what
/// relevance is computed on) and how model-grid maps go back into the native grid (the preprocessing record, or
/// the affines of an input prepared elsewhere).
/// </summary>
public sealed record BrainAgeRun(BrainAgePrediction Prediction, Volume Input, INativeGridMapping Record) : IDisposable
{
    public void Dispose() => Input.Dispose();
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// One subject through one sub-ensemble: the prediction, the preprocessed input in the model's grid (what
/// relevance is computed on) and the record that puts model-grid maps back into the native grid.
/// </summary>
public sealed record BrainAgeRun(BrainAgePrediction Prediction, Volume Input, PreprocessRecord Record) : IDisposable
{
    public void Dispose() => Input.Dispose();
}

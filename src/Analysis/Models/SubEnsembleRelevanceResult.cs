using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>A sub-ensemble's relevance: the analyzer, Σ relevance per base model, and the mean map in the native grid.</summary>
public sealed record SubEnsembleRelevanceResult(string AnalyzerType, IReadOnlyList<double> BaseModelSums, Volume NativeMap) : IDisposable
{
    public void Dispose() => NativeMap.Dispose();
}

using Microsoft.ML.OnnxRuntime;
using RelevanceRelated.Analysis.Xai;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Opens ONNX Runtime sessions for the modelling stages with the same provider choice as the LRP engine:
/// CUDA where it loads, CPU otherwise.
/// </summary>
internal static class ModelSessions
{
    public static InferenceSession Open(string file)
    {
        var (options, _) = ExecutionProviders.Create(ProviderPreference.Auto);
        using (options) return new InferenceSession(file, options);
    }
}

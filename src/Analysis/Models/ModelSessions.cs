using Microsoft.ML.OnnxRuntime;
using RelevanceRelated.Analysis.Xai;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Opens ONNX Runtime sessions for the modelling stages with the same provider choice as the LRP engine
/// (CUDA where it loads, CPU otherwise); missing or unloadable files are errors that name the model entry.
/// </summary>
internal static class ModelSessions
{
    /// <summary>
    /// Opens <paramref name="file"/> (the <paramref name="role"/> of <paramref name="entry"/>, e.g. "base model" of
    /// "models.demo") and describes it with <paramref name="describe"/>; the session is disposed if that throws.
    /// </summary>
    public static (InferenceSession Session, T Description) OpenAndDescribe<T>(
        string file, string entry, string role, Func<InferenceSession, T> describe)
    {
        var session = Open(file, entry, role);
        try
        {
            return (session, describe(session));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static InferenceSession Open(string file, string entry, string role)
    {
        if (!File.Exists(file)) throw new InvalidInputException($"{entry}: {role} {file} does not exist");
        var (options, _) = ExecutionProviders.Create(ProviderPreference.Auto);
        try
        {
            using (options) return new InferenceSession(file, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidInputException($"{entry}: {file} is not a loadable ONNX model: {e.Message}", e);
        }
    }
}

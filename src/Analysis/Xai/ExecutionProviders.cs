using Microsoft.ML.OnnxRuntime;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>Which ONNX Runtime execution provider to ask for.</summary>
public enum ProviderPreference
{
    /// <summary>CUDA when the CUDA provider loads on this machine, else CPU.</summary>
    Auto,
    Cpu,
    /// <summary>CUDA or fail.</summary>
    Cuda,
}

/// <summary>Creates ONNX Runtime session options for the preferred provider and reports which one it got.</summary>
public static class ExecutionProviders
{
    public const string Cuda = "CUDAExecutionProvider";
    public const string Cpu = "CPUExecutionProvider";

    public static (SessionOptions Options, string Provider) Create(ProviderPreference preference, Action<string>? log = null)
    {
        var options = NewOptions();
        if (preference != ProviderPreference.Cpu)
        {
            // A missing CUDA library is expected on CPU machines; keep ONNX Runtime from printing it as an error.
            var env = OrtEnv.Instance();
            var level = env.EnvLogLevel;
            if (preference == ProviderPreference.Auto) env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            try
            {
                options.AppendExecutionProvider_CUDA(0);
                log?.Invoke($"ONNX Runtime provider: {Cuda}");
                return (options, Cuda);
            }
            catch (Exception ex) when (preference == ProviderPreference.Auto && ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                options.Dispose();
                options = NewOptions();
                log?.Invoke($"ONNX Runtime provider: {Cpu} (CUDA unavailable: {FirstLine(ex.Message)})");
                return (options, Cpu);
            }
            finally
            {
                env.EnvLogLevel = level;
            }
        }
        log?.Invoke($"ONNX Runtime provider: {Cpu}");
        return (options, Cpu);
    }

    /// <summary>
    /// Full graph optimisation; worker threads that sleep instead of spinning when a run ends, because the split
    /// relevance plan runs C# kernels (and further sessions) right after each run on the same cores.
    /// </summary>
    private static SessionOptions NewOptions()
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

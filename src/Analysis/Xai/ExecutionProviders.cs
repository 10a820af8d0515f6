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
    /// relevance plan runs C# kernels (and further sessions) right after each run on the same cores; the process's one
    /// CPU arena (<see cref="SharedCpuArena"/>) instead of an arena per session; and no memory pattern: a pattern is one
    /// block per session for all of a run's intermediate tensors, which the shared arena cannot lend to another
    /// session's tensors (two inference slots, 198³ MRInet on 256³ brains: 2.6 GB of native memory held instead of
    /// 1.5 GB, at the same speed).
    /// </summary>
    private static SessionOptions NewOptions()
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _ = SharedCpuArena.Value;
        options.AddSessionConfigEntry("session.use_env_allocators", "1");
        options.EnableMemoryPattern = false;
        return options;
    }

    /// <summary>
    /// One CPU memory arena for every session of the process, growing by what is asked (not to the next power of two).
    /// With an arena per session, each of a silo's dozens of sessions (three base models, each with its prediction
    /// session and a relevance plan of up to eleven) kept its own high-water mark for good: 2.35 GB on the inference
    /// silo with the 98³ demo model; one shared arena holds what runs at once (1.16 GB), and is as fast.
    /// </summary>
    private static readonly Lazy<bool> SharedCpuArena = new(() =>
    {
        using var cpu = new OrtMemoryInfo(OrtMemoryInfo.allocatorCPU, OrtAllocatorType.ArenaAllocator, 0, OrtMemType.Default);
        using var arena = new OrtArenaCfg(maxMemory: 0, arenaExtendStrategy: SameAsRequested, initialChunkSizeBytes: -1, maxDeadBytesPerChunk: -1);
        OrtEnv.Instance().CreateAndRegisterAllocator(cpu, arena);
        return true;
    });

    /// <summary>ONNX Runtime's kSameAsRequested arena extend strategy.</summary>
    private const int SameAsRequested = 1;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

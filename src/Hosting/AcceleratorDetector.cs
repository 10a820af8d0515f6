using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using RelevanceRelated.Grains.Placement;

namespace RelevanceRelated.Hosting;

/// <summary>The accelerator a silo declares, and why.</summary>
public sealed record AcceleratorProbe(string Accelerator, string Reason);

/// <summary>
/// Decides whether this machine can run inference on a GPU: ONNX Runtime must offer the CUDA execution
/// provider AND a session on it must actually run. Listing the provider alone is not enough — the GPU
/// package lists it even where no CUDA driver or device exists.
/// </summary>
public static class AcceleratorDetector
{
    private const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>The configured value when there is one, else the result of <see cref="Detect"/>.</summary>
    public static AcceleratorProbe Resolve(string? configured) =>
        configured is null ? Detect() : new AcceleratorProbe(configured, "set in configuration");

    public static AcceleratorProbe Detect()
    {
        string[] providers;
        try
        {
            providers = OrtEnv.Instance().GetAvailableProviders();
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or OnnxRuntimeException)
        {
            return new AcceleratorProbe(AcceleratorMetadata.Cpu, $"ONNX Runtime could not be loaded: {ex.Message}");
        }
        if (!providers.Contains(CudaProvider))
            return new AcceleratorProbe(AcceleratorMetadata.Cpu, $"ONNX Runtime offers no {CudaProvider} ({string.Join(", ", providers)})");
        // A machine without CUDA makes ONNX Runtime log an error while loading the provider; that is the
        // expected answer here, so keep the runtime quiet during the probe and report the reason ourselves.
        var env = OrtEnv.Instance();
        var logLevel = env.EnvLogLevel;
        env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(0);
            using var session = new InferenceSession(IdentityModel(), options);
            using var input = OrtValue.CreateTensorValueFromMemory(new float[] { 1f }, [1]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);
            return new AcceleratorProbe(AcceleratorMetadata.Gpu, "a CUDA session ran on device 0");
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return new AcceleratorProbe(AcceleratorMetadata.Cpu, $"{CudaProvider} is listed but a CUDA session failed: {ex.Message}");
        }
        finally
        {
            env.EnvLogLevel = logLevel;
        }
    }

    /// <summary>A one-node ONNX model, y = Identity(x) on a float[1], built in memory so no file is needed.</summary>
    private static byte[] IdentityModel()
    {
        static ValueInfoProto Tensor(string name) => new()
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 1 } } },
                },
            },
        };
        var model = new ModelProto
        {
            IrVersion = 7,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 13 } },
            Graph = new GraphProto
            {
                Name = "probe",
                Node = { new NodeProto { OpType = "Identity", Input = { "x" }, Output = { "y" } } },
                Input = { Tensor("x") },
                Output = { Tensor("y") },
            },
        };
        return model.ToByteArray();
    }
}

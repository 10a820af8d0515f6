using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// How an ONNX model wants a volume: its single input's name, channels first ([N, C, X, Y, Z], as PyTorch exports)
/// or last ([N, X, Y, Z, C], as Keras/tf2onnx exports), element type float32 or uint8. Spatial axes follow the
/// volume's voxel axes as nibabel's array does (x, y, z), so the tensor is C-ordered with z fastest.
/// </summary>
public sealed record ModelInputLayout(string InputName, bool ChannelsLast, int Channels, int[] SpatialShape, bool IsUInt8)
{
    /// <summary>
    /// Reads the layout from the session's input and checks it against what the configuration says; errors name
    /// the model entry, the file and the expectation.
    /// </summary>
    public static ModelInputLayout Detect(InferenceSession session, string entry, string file, int channels, IReadOnlyList<int> spatial)
    {
        var name = Path.GetFileName(file);
        if (session.InputMetadata.Count != 1)
            throw new InvalidInputException($"{entry}: {name} has {session.InputMetadata.Count} inputs; expected one image input");
        var (inputName, meta) = session.InputMetadata.First();
        var dims = meta.Dimensions;
        var expected = $"[N, {channels}, {string.Join(", ", spatial)}] (channels first) or [N, {string.Join(", ", spatial)}, {channels}] (channels last)";
        if (!meta.IsTensor || dims.Length != 5)
            throw new InvalidInputException($"{entry}: {name} input '{inputName}' has shape [{string.Join(", ", dims)}]; expected {expected}");
        bool Fits(int d, int want) => d <= 0 || d == want;
        var last = Fits(dims[4], channels) && Fits(dims[1], spatial[0]) && Fits(dims[2], spatial[1]) && Fits(dims[3], spatial[2]);
        var first = Fits(dims[1], channels) && Fits(dims[2], spatial[0]) && Fits(dims[3], spatial[1]) && Fits(dims[4], spatial[2]);
        if (!last && !first)
            throw new InvalidInputException($"{entry}: {name} input '{inputName}' has shape [{string.Join(", ", dims)}]; the configured grid needs {expected}");
        var type = meta.ElementType;
        if (type != typeof(float) && type != typeof(byte))
            throw new InvalidInputException($"{entry}: {name} input '{inputName}' is {type.Name}; expected float32 or uint8");
        // When both fit (e.g. every axis dynamic), channels first is assumed unless the last axis is fixed.
        return new ModelInputLayout(inputName, last && !(first && dims[4] <= 0), channels, [.. spatial], type == typeof(byte));
    }

    /// <summary>The input tensor from one volume per channel (each x fastest, of <see cref="SpatialShape"/>).</summary>
    public NamedOnnxValue CreateInput(IReadOnlyList<float[]> channelVolumes)
    {
        if (channelVolumes.Count != Channels)
            throw new ArgumentException($"expected {Channels} channels, got {channelVolumes.Count}");
        int nx = SpatialShape[0], ny = SpatialShape[1], nz = SpatialShape[2];
        int[] shape = ChannelsLast ? [1, nx, ny, nz, Channels] : [1, Channels, nx, ny, nz];
        var count = nx * ny * nz * Channels;
        if (IsUInt8)
        {
            var data = new byte[count];
            Fill(channelVolumes, (i, v) => data[i] = (byte)Math.Clamp(MathF.Round(v), 0, 255));
            return NamedOnnxValue.CreateFromTensor(InputName, new DenseTensor<byte>(data, shape));
        }
        var floats = new float[count];
        Fill(channelVolumes, (i, v) => floats[i] = v);
        return NamedOnnxValue.CreateFromTensor(InputName, new DenseTensor<float>(floats, shape));
    }

    /// <summary>
    /// A voxel map from a segmentation output of shape [1, X, Y, Z, K], [1, K, X, Y, Z] or [1, X, Y, Z] (x fastest);
    /// with K &gt; 1 classes the last is taken as the foreground.
    /// </summary>
    public float[] OutputToVolume(Tensor<float> output, string entry, string file)
    {
        int nx = SpatialShape[0], ny = SpatialShape[1], nz = SpatialShape[2];
        var dims = output.Dimensions.ToArray();
        var spatial = nx * ny * nz;
        int classes, stride;
        bool last;
        if (dims.Length == 5 && dims[1] == nx && dims[2] == ny && dims[3] == nz) (last, classes) = (true, dims[4]);
        else if (dims.Length == 5 && dims[2] == nx && dims[3] == ny && dims[4] == nz) (last, classes) = (false, dims[1]);
        else if (dims.Length == 4 && dims[1] == nx && dims[2] == ny && dims[3] == nz) (last, classes) = (true, 1);
        else
            throw new InvalidInputException($"{entry}: {Path.GetFileName(file)} output has shape [{string.Join(", ", dims)}]; expected a map of the input grid [{nx}, {ny}, {nz}] with a class axis");
        stride = classes;
        var flat = output is DenseTensor<float> dense ? dense.Buffer : output.ToArray();
        var span = flat.Span;
        var result = new float[spatial];
        var c = classes - 1;
        for (var x = 0; x < nx; x++)
            for (var y = 0; y < ny; y++)
                for (var z = 0; z < nz; z++)
                {
                    var t = (x * ny + y) * nz + z;
                    result[x + nx * (y + ny * z)] = last ? span[t * stride + c] : span[c * spatial + t];
                }
        return result;
    }

    private void Fill(IReadOnlyList<float[]> channels, Action<int, float> set)
    {
        int nx = SpatialShape[0], ny = SpatialShape[1], nz = SpatialShape[2];
        var spatial = nx * ny * nz;
        var last = ChannelsLast;
        var count = Channels;
        Parallel.For(0, nx, x =>
        {
            for (var y = 0; y < ny; y++)
                for (var z = 0; z < nz; z++)
                {
                    var t = (x * ny + y) * nz + z;
                    var v = x + nx * (y + ny * z);
                    for (var c = 0; c < count; c++)
                        set(last ? t * count + c : c * spatial + t, channels[c][v]);
                }
        });
    }
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>
/// How a model's image input holds a volume, and the moves between the two. A volume is x fastest (NIfTI order)
/// with one frame per channel; the input tensor holds the spatial axes in C order (the last spatial axis fastest,
/// as numpy hands nibabel's arrays to Keras and PyTorch), with the batch axis first and the channel axis second
/// (<see cref="InputLayout.ChannelsFirst"/>, PyTorch exports) or last (<see cref="InputLayout.ChannelsLast"/>,
/// Keras/tf2onnx exports); its elements are float32 or uint8. The one layout type of brain-age models, PVS
/// models and the <c>lrp</c> verb.
/// </summary>
public sealed record VolumeTensorLayout(string InputName, InputLayout Layout, int Channels, int[] SpatialShape, TensorElementType ElementType)
{
    public bool IsUInt8 => ElementType == TensorElementType.UInt8;

    public bool ChannelsLast => Layout == InputLayout.ChannelsLast;

    /// <summary>Voxels of one channel.</summary>
    public int SpatialCount => SpatialShape[0] * SpatialShape[1] * SpatialShape[2];

    /// <summary>The tensor's shape at batch size 1.</summary>
    public int[] TensorShape => ChannelsLast ? [1, .. SpatialShape, Channels] : [1, Channels, .. SpatialShape];

    /// <summary>"channels-first" or "channels-last", as messages name it.</summary>
    public string LayoutName => ChannelsLast ? "channels-last" : "channels-first";

    /// <summary>The layout of a model the LRP engine has read.</summary>
    public static VolumeTensorLayout Of(CanonicalModel model) => new(model.InputName, model.Layout, model.Channels, model.SpatialShape,
        model.InputType == TensorProto.Types.DataType.Uint8 ? TensorElementType.UInt8 : TensorElementType.Float);

    /// <summary>
    /// Reads the layout of a session's single image input and checks it against the configured channel count and
    /// grid; errors name the configuration entry, the file and the expectation.
    /// </summary>
    public static VolumeTensorLayout Detect(InferenceSession session, string entry, string file, int channels, IReadOnlyList<int> spatial)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.InputMetadata.Count != 1)
            throw new InvalidInputException($"{entry}: {Path.GetFileName(file)} has {session.InputMetadata.Count} inputs; expected one image input");
        var (inputName, meta) = session.InputMetadata.First();
        var type = meta.ElementType == typeof(float) ? TensorElementType.Float : meta.ElementType == typeof(byte) ? TensorElementType.UInt8 : (TensorElementType?)null;
        return Expect(inputName, meta.IsTensor ? [.. meta.Dimensions.Select(d => (long)d)] : [], type, meta.ElementType.Name, entry, file, channels, spatial);
    }

    /// <summary>The layout of a model the LRP engine has read, checked against the configured channel count and grid as <see cref="Detect"/> checks a session.</summary>
    public static VolumeTensorLayout Of(CanonicalModel model, string entry, string file, int channels, IReadOnlyList<int> spatial)
    {
        ArgumentNullException.ThrowIfNull(model);
        var type = model.InputType switch
        {
            TensorProto.Types.DataType.Float => TensorElementType.Float,
            TensorProto.Types.DataType.Uint8 => TensorElementType.UInt8,
            _ => (TensorElementType?)null,
        };
        return Expect(model.InputName, model.DeclaredInputShape, type, model.InputType.ToString(), entry, file, channels, spatial);
    }

    /// <summary>
    /// The layout of an input declared as <paramref name="dims"/> ([N, C, X, Y, Z] or [N, X, Y, Z, C]; dimensions ≤ 0
    /// are dynamic) for a volume of <paramref name="channels"/> frames of <paramref name="spatial"/>, or a message
    /// naming the entry, the file and what the configuration needs.
    /// </summary>
    private static VolumeTensorLayout Expect(string inputName, IReadOnlyList<long> dims, TensorElementType? type, string typeName,
        string entry, string file, int channels, IReadOnlyList<int> spatial)
    {
        if (spatial.Count != 3) throw new ArgumentException("three spatial sizes expected", nameof(spatial));
        var name = Path.GetFileName(file);
        var expected = $"[N, {channels}, {string.Join(", ", spatial)}] (channels first) or [N, {string.Join(", ", spatial)}, {channels}] (channels last)";
        if (dims.Count != 5)
            throw new InvalidInputException($"{entry}: {name} input '{inputName}' has shape [{string.Join(", ", dims)}]; expected {expected}");
        static bool Fits(long d, int want) => d <= 0 || d == want;
        var last = Fits(dims[4], channels) && Fits(dims[1], spatial[0]) && Fits(dims[2], spatial[1]) && Fits(dims[3], spatial[2]);
        var first = Fits(dims[1], channels) && Fits(dims[2], spatial[0]) && Fits(dims[3], spatial[1]) && Fits(dims[4], spatial[2]);
        if (!last && !first)
            throw new InvalidInputException($"{entry}: {name} input '{inputName}' has shape [{string.Join(", ", dims)}]; the configured grid needs {expected}");
        if (type is not { } element)
            throw new InvalidInputException($"{entry}: {name} input '{inputName}' is {typeName}; expected float32 or uint8");
        // When both fit (e.g. every axis dynamic), channels first is assumed unless the last axis is fixed.
        var layout = last && !(first && dims[4] <= 0) ? InputLayout.ChannelsLast : InputLayout.ChannelsFirst;
        return new VolumeTensorLayout(inputName, layout, channels, [.. spatial], element);
    }

    /// <summary>
    /// Refuses a volume that is not of this layout's spatial shape and channel count, with a message that names the
    /// volume, the model and what to do.
    /// </summary>
    public void Check(IReadOnlyList<int> spatialShape, int channels, string volumeName, string modelName)
    {
        if (spatialShape.SequenceEqual(SpatialShape) && channels == Channels) return;
        throw new InvalidInputException(
            $"Volume '{volumeName}' has shape [{string.Join(", ", spatialShape)}]{(channels == 1 ? "" : $" × {channels} frames")}; model '{modelName}' expects [{string.Join(", ", SpatialShape)}]{(Channels == 1 ? "" : $" × {Channels} frames")} (spatial shape of input '{InputName}' [{string.Join(", ", TensorShape)}], {LayoutName}). Crop or resample the volume to the model's grid first.");
    }

    /// <summary>The input tensor (batch 1) of a volume holding <see cref="Channels"/> frames of <see cref="SpatialShape"/>, x fastest.</summary>
    public float[] ToTensor(ReadOnlySpan<float> volume)
    {
        var tensor = new float[Channels * SpatialCount];
        ToTensor(volume, tensor);
        return tensor;
    }

    /// <summary>Writes the input tensor of <paramref name="volume"/> (frames = channels, each x fastest) into <paramref name="tensor"/>.</summary>
    public void ToTensor(ReadOnlySpan<float> volume, Span<float> tensor)
    {
        var count = Channels * SpatialCount;
        if (volume.Length != count) throw new ArgumentException($"expected {count} voxels ({Channels} × [{string.Join(", ", SpatialShape)}]), got {volume.Length}", nameof(volume));
        if (tensor.Length != count) throw new ArgumentException($"expected a tensor of {count} values, got {tensor.Length}", nameof(tensor));
        unsafe
        {
            fixed (float* v = volume)
            fixed (float* t = tensor)
                Move((nint)v, (nint)t, toTensor: true);
        }
    }

    /// <summary>A tensor in this layout (batch 1) back to a volume: x fastest, one frame per channel.</summary>
    public float[] ToVolume(ReadOnlySpan<float> tensor)
    {
        var count = Channels * SpatialCount;
        if (tensor.Length != count) throw new ArgumentException($"expected a tensor of {count} values, got {tensor.Length}", nameof(tensor));
        var volume = new float[count];
        unsafe
        {
            fixed (float* t = tensor)
            fixed (float* v = volume)
                Move((nint)v, (nint)t, toTensor: false);
        }
        return volume;
    }

    /// <summary>
    /// The session input for one volume per channel (each x fastest, of <see cref="SpatialShape"/>); uint8 inputs
    /// take each value rounded (half to even) and clamped to [0, 255].
    /// </summary>
    public NamedOnnxValue CreateInput(IReadOnlyList<float[]> channelVolumes)
    {
        if (channelVolumes.Count != Channels) throw new ArgumentException($"expected {Channels} channels, got {channelVolumes.Count}", nameof(channelVolumes));
        var stacked = new float[Channels * SpatialCount];
        for (var c = 0; c < Channels; c++) channelVolumes[c].AsSpan().CopyTo(stacked.AsSpan(c * SpatialCount, SpatialCount));
        var tensor = ToTensor(stacked);
        var shape = TensorShape;
        if (!IsUInt8) return NamedOnnxValue.CreateFromTensor(InputName, new DenseTensor<float>(tensor, shape));
        var bytes = new byte[tensor.Length];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp(MathF.Round(tensor[i]), 0f, 255f);
        return NamedOnnxValue.CreateFromTensor(InputName, new DenseTensor<byte>(bytes, shape));
    }

    /// <summary>
    /// A voxel map (x fastest) from a segmentation output of shape [1, X, Y, Z, K], [1, K, X, Y, Z] or [1, X, Y, Z];
    /// with K &gt; 1 classes the last is taken as the foreground.
    /// </summary>
    public float[] OutputToVolume(Tensor<float> output, string entry, string file)
    {
        int nx = SpatialShape[0], ny = SpatialShape[1], nz = SpatialShape[2];
        var dims = output.Dimensions.ToArray();
        InputLayout layout;
        int classes;
        if (dims.Length == 5 && dims[1] == nx && dims[2] == ny && dims[3] == nz) (layout, classes) = (InputLayout.ChannelsLast, dims[4]);
        else if (dims.Length == 5 && dims[2] == nx && dims[3] == ny && dims[4] == nz) (layout, classes) = (InputLayout.ChannelsFirst, dims[1]);
        else if (dims.Length == 4 && dims[1] == nx && dims[2] == ny && dims[3] == nz) (layout, classes) = (InputLayout.ChannelsLast, 1);
        else
            throw new InvalidInputException($"{entry}: {Path.GetFileName(file)} output has shape [{string.Join(", ", dims)}]; expected a map of the input grid [{nx}, {ny}, {nz}] with a class axis");
        var flat = output is DenseTensor<float> dense ? dense.Buffer.Span : output.ToArray();
        var all = new VolumeTensorLayout("output", layout, classes, SpatialShape, TensorElementType.Float).ToVolume(flat);
        return all.AsSpan((classes - 1) * SpatialCount, SpatialCount).ToArray();
    }

    /// <summary>The model input for a volume of the given spatial shape and channel (frame) count; refuses other shapes.</summary>
    public static float[] ToModelInput(ReadOnlySpan<float> volume, int[] spatialShape, int channels, CanonicalModel model, string volumeName)
    {
        var layout = Of(model);
        layout.Check(spatialShape, channels, volumeName, model.Source);
        return layout.ToTensor(volume);
    }

    /// <summary>A tensor in the model's input layout back to a volume (x fastest, one frame per channel).</summary>
    public static float[] ToVolume(ReadOnlySpan<float> tensor, CanonicalModel model) => Of(model).ToVolume(tensor);

    /// <summary>
    /// Copies between volume order (c, z, y, x with x fastest) and tensor order (c, x, y, z or x, y, z, c with the
    /// last fastest), parallel over x planes; each plane's writes (tensor side) or reads are contiguous per channel.
    /// </summary>
    private unsafe void Move(nint volumeAddress, nint tensorAddress, bool toTensor)
    {
        int nx = SpatialShape[0], ny = SpatialShape[1], nz = SpatialShape[2];
        var spatial = SpatialCount;
        var channels = Channels;
        var last = ChannelsLast;
        Parallel.For(0, nx, x =>
        {
            var volume = (float*)volumeAddress;
            var tensor = (float*)tensorAddress;
            for (var c = 0; c < channels; c++)
            {
                var frame = volume + (long)c * spatial;
                for (var y = 0; y < ny; y++)
                {
                    var row = ((long)x * ny + y) * nz;
                    var voxel = frame + x + (long)nx * y;
                    if (last)
                    {
                        var t = tensor + row * channels + c;
                        if (toTensor) for (var z = 0; z < nz; z++) t[(long)z * channels] = voxel[(long)nx * ny * z];
                        else for (var z = 0; z < nz; z++) voxel[(long)nx * ny * z] = t[(long)z * channels];
                    }
                    else
                    {
                        var t = tensor + (long)c * spatial + row;
                        if (toTensor) for (var z = 0; z < nz; z++) t[z] = voxel[(long)nx * ny * z];
                        else for (var z = 0; z < nz; z++) voxel[(long)nx * ny * z] = t[z];
                    }
                }
            }
        });
    }
}

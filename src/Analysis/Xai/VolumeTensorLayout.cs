using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>
/// Moves voxels between a volume (x fastest, NIfTI order; one frame per channel) and a model's input tensor, which
/// holds the spatial axes in C order (the last spatial axis fastest, as numpy hands nibabel's arrays to Keras and
/// PyTorch) with the batch and channel axes placed as the model's layout says.
/// </summary>
public static class VolumeTensorLayout
{
    /// <summary>The model input for a volume of the given spatial shape and channel (frame) count; refuses other shapes.</summary>
    public static float[] ToModelInput(ReadOnlySpan<float> volume, int[] spatialShape, int channels, CanonicalModel model, string volumeName)
    {
        var expected = model.SpatialShape;
        if (!spatialShape.SequenceEqual(expected) || channels != model.Channels)
            throw new InvalidInputException(
                $"Volume '{volumeName}' has shape [{string.Join(", ", spatialShape)}]{(channels == 1 ? "" : $" × {channels} frames")}; model '{model.Source}' expects [{string.Join(", ", expected)}]{(model.Channels == 1 ? "" : $" × {model.Channels} frames")} (spatial shape of input '{model.InputName}' [{string.Join(", ", model.InputShape)}], {(model.Layout == InputLayout.ChannelsFirst ? "channels-first" : "channels-last")}). Crop or resample the volume to the model's grid first.");
        var result = new float[volume.Length];
        var source = volume.ToArray();
        Map(spatialShape, channels, model.Layout, (v, t) => result[t] = source[v]);
        return result;
    }

    /// <summary>A tensor in the model's input layout back to a volume (x fastest, one frame per channel).</summary>
    public static float[] ToVolume(ReadOnlySpan<float> tensor, CanonicalModel model)
    {
        var result = new float[tensor.Length];
        var copy = tensor.ToArray();
        Map(model.SpatialShape, model.Channels, model.Layout, (v, t) => result[v] = copy[t]);
        return result;
    }

    private static void Map(int[] spatial, int channels, InputLayout layout, Action<int, int> pair)
    {
        int nx = spatial[0], ny = spatial.Length > 1 ? spatial[1] : 1, nz = spatial.Length > 2 ? spatial[2] : 1;
        var voxels = nx * ny * nz;
        for (var c = 0; c < channels; c++)
        for (var x = 0; x < nx; x++)
        for (var y = 0; y < ny; y++)
        for (var z = 0; z < nz; z++)
        {
            var volumeIndex = x + nx * (y + ny * z) + c * voxels;
            var spatialIndex = (x * ny + y) * nz + z;
            var tensorIndex = layout == InputLayout.ChannelsFirst ? c * voxels + spatialIndex : spatialIndex * channels + c;
            pair(volumeIndex, tensorIndex);
        }
    }
}

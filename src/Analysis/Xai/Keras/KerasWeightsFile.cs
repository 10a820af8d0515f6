using PureHDF;

namespace RelevanceRelated.Analysis.Xai.Keras;

/// <summary>One stored weight array of a layer (float32, C order) with its shape.</summary>
public sealed record KerasWeight(string Path, float[] Values, int[] Shape);

/// <summary>
/// A Keras HDF5 file as Keras 2 writes it (tf.keras hdf5_format): a full model (model.save) holds its architecture in
/// the root attribute model_config and its weights under /model_weights; a weights-only file (model.save_weights)
/// holds the weights at the root. Either way the weights group lists its layers in the attribute layer_names (split
/// into layer_names0, layer_names1, … when long), and each layer's group lists its weights in weight_names, paths
/// relative to the group such as "conv3d/kernel:0" (a '/' in a name makes nested groups).
/// </summary>
public sealed class KerasWeightsFile : IDisposable
{
    private readonly PureHDF.VOL.Native.NativeFile _file;
    private readonly IH5Group _weights;
    private readonly HashSet<string> _layers;

    private KerasWeightsFile(string path, PureHDF.VOL.Native.NativeFile file, IH5Group weights, string? modelConfig)
    {
        Path = path;
        _file = file;
        _weights = weights;
        ModelConfig = modelConfig;
        _layers = new HashSet<string>(Strings(weights, "layer_names"), StringComparer.Ordinal);
    }

    public string Path { get; }

    /// <summary>The model_config JSON of a full-model file; null for a weights-only file.</summary>
    public string? ModelConfig { get; }

    /// <summary>The layers the file stores weights for (with or without weights), from layer_names.</summary>
    public IReadOnlyCollection<string> LayerNames => _layers;

    public static KerasWeightsFile Open(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"Keras file '{path}' does not exist.");
        PureHDF.VOL.Native.NativeFile? root = null;
        try
        {
            root = H5File.OpenRead(path);
            var config = root.AttributeExists("model_config") ? ReadString(root.Attribute("model_config"), path, "model_config") : null;
            IH5Group weights = root;
            if (config is not null)
            {
                if (!root.LinkExists("model_weights"))
                    throw new InvalidInputException($"Keras file '{path}': has a model_config but no model_weights group (saved without weights?).");
                weights = root.Group("model_weights");
            }
            if (!HasStrings(weights, "layer_names"))
                throw new InvalidInputException(config is null
                    ? $"Keras file '{path}': no model_config attribute and no layer_names; expected a Keras HDF5 model (model.save) or weights file (model.save_weights)."
                    : $"Keras file '{path}': model_weights has no layer_names attribute.");
            return new KerasWeightsFile(path, root, weights, config);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            root?.Dispose();
            if (ex is InvalidInputException) throw;
            throw new InvalidInputException($"Keras file '{path}': not a readable HDF5 file ({ex.Message}).", ex);
        }
    }

    /// <summary>The weights stored for a layer (none when it has none), by their paths from weight_names.</summary>
    public IReadOnlyList<KerasWeight> Weights(string layer)
    {
        if (!_layers.Contains(layer) || !_weights.LinkExists(layer)) return [];
        try
        {
            var group = _weights.Group(layer);
            var names = Strings(group, "weight_names");
            return names.Select(name =>
            {
                if (!group.LinkExists(name))
                    throw new InvalidInputException($"Keras file '{Path}': layer '{layer}' lists weight '{name}' in weight_names, but it is not stored.");
                var dataset = group.Dataset(name);
                if (dataset.Type.Class != H5DataTypeClass.FloatingPoint)
                    throw new InvalidInputException($"Keras file '{Path}': weight '{layer}/{name}' is of HDF5 class {dataset.Type.Class}; floating-point weights expected.");
                var shape = dataset.Space.Dimensions.Select(d => checked((int)d)).ToArray();
                var values = dataset.Type.Size == 8 ? dataset.Read<double[]>().Select(v => (float)v).ToArray() : dataset.Read<float[]>();
                return new KerasWeight(name, values, shape);
            }).ToList();
        }
        catch (Exception ex) when (ex is not InvalidInputException && ex is not OutOfMemoryException)
        {
            throw new InvalidInputException($"Keras file '{Path}': the weights of layer '{layer}' cannot be read ({ex.Message}).", ex);
        }
    }

    /// <summary>A list-of-strings attribute, or its chunks name0, name1, … (Keras splits lists longer than an HDF5 header holds).</summary>
    private static string[] Strings(IH5Object owner, string name)
    {
        if (owner.AttributeExists(name)) return StringArray(owner.Attribute(name));
        var values = new List<string>();
        for (var chunk = 0; owner.AttributeExists($"{name}{chunk}"); chunk++) values.AddRange(StringArray(owner.Attribute($"{name}{chunk}")));
        return values.ToArray();
    }

    private static bool HasStrings(IH5Object owner, string name) => owner.AttributeExists(name) || owner.AttributeExists($"{name}0");

    /// <summary>Keras writes an empty name list as an empty float array, which holds no names.</summary>
    private static string[] StringArray(IH5Attribute attribute) =>
        attribute.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength ? attribute.Read<string[]>() : [];

    private static string ReadString(IH5Attribute attribute, string path, string name)
    {
        if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw new InvalidInputException($"Keras file '{path}': attribute {name} is of HDF5 class {attribute.Type.Class}; a JSON string expected.");
        return attribute.Read<string>().TrimEnd('\0');
    }

    public void Dispose() => _file.Dispose();
}

using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Keras;

/// <summary>A Keras model converted to ONNX: the network as read, the ONNX bytes, and that model as the LRP engine reads it.</summary>
public sealed record KerasImport(string Source, bool WeightsOnly, KerasArchitecture Architecture, ChannelsLastNetwork Network, byte[] Onnx, CanonicalModel Model);

/// <summary>
/// `model import-keras`: reads a Keras 2 HDF5 file — a full model (architecture from its model_config) or a
/// weights-only file with the architecture given in TOML — and writes the network as ONNX the way tf2onnx would
/// (channels-last input, then channels-first convolutions), which the LRP engine then explains. The written model is
/// read back by the engine's reader before it is returned, so what is imported can be explained.
/// </summary>
public static class KerasImporter
{
    /// <param name="architecturePath">An architecture TOML (<see cref="KerasArchitectureToml"/>); required for weights-only files, and used instead of a full file's model_config when given.</param>
    public static KerasImport Import(string path, string? architecturePath = null)
    {
        using var file = KerasWeightsFile.Open(path);
        var architecture = architecturePath is not null ? KerasArchitectureToml.Read(architecturePath)
            : file.ModelConfig is { } config ? KerasModelConfig.Parse(config, path)
            : throw new InvalidInputException(
                $"Keras file '{path}' has no model_config attribute: it holds weights only (model.save_weights); give the architecture with --architecture A.toml.");
        var network = KerasNetworkConverter.Convert(architecture, file);
        var onnx = OnnxModelBuilder.Build(network);
        // A softmax output is written (it is the model's), and explained with --strip-softmax.
        var model = OnnxModelReader.Read(onnx, $"{path} (imported)", new ModelReadOptions { StripSoftmax = true });
        return new KerasImport(path, file.ModelConfig is null, architecture, network, onnx, model);
    }
}

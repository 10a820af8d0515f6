namespace RelevanceRelated.Analysis.Xai.Keras;

/// <summary>
/// A Keras model's architecture as a chain: the input (channels-last, without the batch axis), then the layers from
/// input to output. Read from a full-model file's model_config (<see cref="KerasModelConfig"/>) or from an
/// architecture TOML for a weights-only file (<see cref="KerasArchitectureToml"/>).
/// </summary>
public sealed record KerasArchitecture(string Source, string InputName, int[] InputShape, string InputDataType, IReadOnlyList<KerasLayer> Layers);

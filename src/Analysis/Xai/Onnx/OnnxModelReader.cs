using System.Security.Cryptography;
using Google.Protobuf;
using Onnx;
using RelevanceRelated.Analysis.Xai.Canonizers;
using RelevanceRelated.Analysis.Xai.Layers;

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>Options for reading a model for attribution.</summary>
public sealed record ModelReadOptions
{
    /// <summary>Remove a final Softmax/LogSoftmax (explain the logits) instead of refusing the model.</summary>
    public bool StripSoftmax { get; init; }
}

/// <summary>
/// Reads an ONNX model (opset 13–21, one image input, one output, a single path from input to output) into a
/// <see cref="CanonicalModel"/>: constant inputs resolved, canonizers applied, shapes bound at batch size 1.
/// </summary>
public static class OnnxModelReader
{
    public const int MinimumOpset = 13;
    public const int MaximumOpset = 21;

    public static CanonicalModel ReadFile(string path, ModelReadOptions? options = null)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"Model file '{path}' does not exist.");
        return Read(File.ReadAllBytes(path), path, options);
    }

    public static ModelProto Parse(byte[] bytes, string source)
    {
        try
        {
            var model = ModelProto.Parser.ParseFrom(bytes);
            if (model.Graph is null) throw new InvalidInputException($"Model '{source}': no graph (is this an ONNX file?).");
            return model;
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidInputException($"Model '{source}': not a readable ONNX protobuf ({ex.Message}).", ex);
        }
    }

    public static CanonicalModel Read(byte[] bytes, string source, ModelReadOptions? options = null)
    {
        options ??= new ModelReadOptions();
        var model = Parse(bytes, source);
        var graph = model.Graph;
        var opset = Opset(model, source);

        var constants = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var node in graph.Node.Where(n => n.OpType == "Constant"))
        {
            var value = OnnxAttributes.Find(node, "value")?.T
                ?? throw new InvalidInputException($"Model '{source}': Constant node '{node.Name}' has no tensor 'value' (only tensor constants are supported).");
            constants[node.Output[0]] = value;
        }

        var inputs = graph.Input.Where(i => !constants.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
            throw new InvalidInputException($"Model '{source}': {inputs.Count} graph inputs ({string.Join(", ", inputs.Select(i => i.Name))}); LRP needs exactly one image input.");
        if (graph.Output.Count != 1)
            throw new InvalidInputException($"Model '{source}': {graph.Output.Count} graph outputs ({string.Join(", ", graph.Output.Select(o => o.Name))}); LRP needs exactly one output.");
        var input = inputs[0];
        var inputType = (TensorProto.Types.DataType)input.Type.TensorType.ElemType;
        var declaredDims = InputDims(input, source);
        int[] bound = [1, .. declaredDims.Skip(1).Select(d => (int)d)];

        var chain = Chain(graph, constants, input.Name, inputType, graph.Output[0].Name, source, options);
        foreach (var canonizer in Canonizer.Default) chain = canonizer.Apply(chain);
        var layers = chain.Select(LayerFactory.Create).ToList();

        var shapes = new List<int[]> { bound };
        foreach (var layer in layers) shapes.Add(layer.Bind(shapes[^1]));

        return new CanonicalModel(
            Source: source,
            Sha256: Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(),
            Opset: opset,
            InputName: input.Name,
            InputType: inputType,
            DeclaredInputShape: declaredDims,
            OutputName: graph.Output[0].Name,
            Layers: layers,
            Shapes: shapes);
    }

    /// <summary>The default-domain opset; refuses versions outside 13–21.</summary>
    public static long Opset(ModelProto model, string source)
    {
        var import = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")
            ?? throw new InvalidInputException($"Model '{source}': no import of the default ONNX operator set.");
        if (import.Version < MinimumOpset || import.Version > MaximumOpset)
            throw new InvalidInputException($"Model '{source}': opset {import.Version}; supported are opsets {MinimumOpset}–{MaximumOpset}.");
        return import.Version;
    }

    /// <summary>The input's dimensions; the leading (batch) axis may be symbolic (returned as -1), the others must be fixed.</summary>
    public static long[] InputDims(ValueInfoProto input, string source)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim
            ?? throw new InvalidInputException($"Model '{source}': input '{input.Name}' declares no shape.");
        var result = new long[dims.Count];
        for (var i = 0; i < dims.Count; i++)
        {
            var d = dims[i];
            var fixedValue = d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0;
            if (i == 0) result[i] = fixedValue ? d.DimValue : -1;
            else if (fixedValue) result[i] = d.DimValue;
            else throw new InvalidInputException(
                $"Model '{source}': input '{input.Name}' has a symbolic size ('{d.DimParam}') on axis {i}; a fixed input shape is required.");
        }
        if (result.Length > 0 && result[0] > 1)
            throw new InvalidInputException($"Model '{source}': input '{input.Name}' has a fixed batch size {result[0]}; batch size 1 or symbolic is required.");
        return result;
    }

    /// <summary>Whether nothing but Identity/Dropout lies between a tensor and the graph output.</summary>
    private static bool OnlyIdentitiesFollow(string tensor, string output, Dictionary<string, List<NodeProto>> consumers)
    {
        while (tensor != output)
        {
            if (!consumers.TryGetValue(tensor, out var next) || next.Count != 1 || next[0].OpType is not ("Identity" or "Dropout")) return false;
            tensor = next[0].Output[0];
        }
        return true;
    }

    private static List<ChainNode> Chain(GraphProto graph, Dictionary<string, TensorProto> constants, string input,
        TensorProto.Types.DataType inputType, string output, string source, ModelReadOptions options)
    {
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node.Where(n => n.OpType != "Constant"))
        foreach (var name in node.Input.Where(n => n.Length > 0 && !constants.ContainsKey(n)).Distinct())
        {
            if (!consumers.TryGetValue(name, out var list)) consumers[name] = list = [];
            list.Add(node);
        }

        var chain = new List<ChainNode>();
        var current = input;
        var type = inputType;
        while (current != output)
        {
            if (!consumers.TryGetValue(current, out var next) || next.Count == 0)
                throw new InvalidInputException($"Model '{source}': tensor '{current}' leads nowhere; the output '{output}' is not reachable on a single path.");
            if (next.Count > 1)
                throw new InvalidInputException(
                    $"Model '{source}': tensor '{current}' feeds {next.Count} nodes ({string.Join(", ", next.Select(n => $"'{n.Name}' ({n.OpType})"))}); only sequential networks are supported.");
            var node = next[0];
            var computed = node.Input.Where(n => n.Length > 0 && !constants.ContainsKey(n)).Distinct().ToList();
            if (computed.Count > 1)
                throw new InvalidInputException(
                    $"Model '{source}': node '{node.Name}' ({node.OpType}) combines computed tensors {string.Join(", ", computed.Select(c => $"'{c}'"))}; only sequential networks are supported.");
            if (node.OpType is "Softmax" or "LogSoftmax")
            {
                if (options.StripSoftmax && OnlyIdentitiesFollow(node.Output[0], output, consumers)) return chain;
                throw new InvalidInputException(
                    $"Model '{source}': node '{node.Name}' ({node.OpType}) normalises the output; LRP explains the pre-{node.OpType} scores. Re-export the model without it or strip the final {node.OpType} (--strip-softmax).");
            }
            if (!SupportedOperators.IsSupported(node.OpType))
                throw new InvalidInputException(
                    $"Model '{source}': node '{node.Name}' uses operator '{node.OpType}', which LRP does not support (supported: {SupportedOperators.List}).");
            var resolved = node.Input.Select(n => n.Length > 0 && constants.TryGetValue(n, out var t) ? t : null).ToList();
            chain.Add(new ChainNode(node, resolved, type, node.OpType));
            if (node.OpType == "Cast") type = (TensorProto.Types.DataType)OnnxAttributes.Int(node, "to", (long)type);
            current = node.Output[0];
        }
        return chain;
    }
}

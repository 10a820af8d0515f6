using Onnx;

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>One graph input or output: name, element type and dimensions ("batch" etc. for symbolic ones).</summary>
public sealed record TensorDescription(string Name, string ElementType, IReadOnlyList<string> Dimensions);

/// <summary>How often an operator occurs and whether (and how) LRP handles it.</summary>
public sealed record OperatorDescription(string Operator, int Count, bool Supported, string Treatment);

/// <summary>
/// What `model inspect` reports: inputs and outputs with shapes and layout, the operators with LRP support, and
/// whether the model as a whole can be explained (or why not).
/// </summary>
public sealed record ModelDescription(
    string Source,
    long Opset,
    string Producer,
    IReadOnlyList<TensorDescription> Inputs,
    IReadOnlyList<TensorDescription> Outputs,
    string? Layout,
    IReadOnlyList<OperatorDescription> Operators,
    bool Explainable,
    string? Problem,
    IReadOnlyList<string> CanonicalLayers)
{
    public static ModelDescription Describe(byte[] bytes, string source)
    {
        var model = OnnxModelReader.Parse(bytes, source);
        var graph = model.Graph;
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
        var operators = graph.Node.GroupBy(n => n.OpType)
            .Select(g => new OperatorDescription(g.Key, g.Count(), SupportedOperators.IsSupported(g.Key),
                SupportedOperators.Describe(g.Key) ?? (g.Key is "Softmax" or "LogSoftmax" ? "refused (strip the final Softmax)" : "not supported")))
            .OrderBy(o => o.Operator, StringComparer.Ordinal)
            .ToList();
        string? problem = null;
        var imageInput = graph.Input.FirstOrDefault(i => !initializers.Contains(i.Name));
        var dims = imageInput?.Type?.TensorType?.Shape?.Dim
            .Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1).ToArray();
        string? layout = dims is { Length: >= 3 }
            ? CanonicalModel.DetectLayout(dims) == InputLayout.ChannelsFirst ? "channels-first" : "channels-last"
            : null;
        IReadOnlyList<string> layers = [];
        try
        {
            var canonical = OnnxModelReader.Read(bytes, source);
            layers = canonical.Layers.Select((l, i) => $"{l.OpType} '{l.NodeName}' → [{string.Join(", ", canonical.Shapes[i + 1])}]").ToList();
        }
        catch (InvalidInputException ex)
        {
            problem = ex.Message;
        }
        return new ModelDescription(
            source, opset, $"{model.ProducerName} {model.ProducerVersion}".Trim(),
            graph.Input.Where(i => !initializers.Contains(i.Name)).Select(Tensor).ToList(),
            graph.Output.Select(Tensor).ToList(),
            layout, operators, problem is null, problem, layers);
    }

    private static TensorDescription Tensor(ValueInfoProto value)
    {
        var type = value.Type?.TensorType;
        var elem = type is null ? "?" : ((TensorProto.Types.DataType)type.ElemType).ToString().ToLowerInvariant();
        var dims = type?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : d.DimParam is { Length: > 0 } p ? p : "?").ToList() ?? [];
        return new TensorDescription(value.Name, elem, dims);
    }
}

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>The ONNX operators the LRP engine understands, and how it treats each one.</summary>
public static class SupportedOperators
{
    private static readonly Dictionary<string, string> Treatment = new(StringComparer.Ordinal)
    {
        ["Conv"] = "linear (convolution rule)",
        ["Gemm"] = "linear (dense rule)",
        ["MatMul"] = "linear (dense rule; fused with a following constant Add)",
        ["Add"] = "bias of the preceding Conv/MatMul/BatchNormalization",
        ["BatchNormalization"] = "folded into the preceding Conv, else per-channel linear",
        ["MaxPool"] = "winner-take-all routing",
        ["AveragePool"] = "z-rule",
        ["GlobalAveragePool"] = "z-rule",
        ["Relu"] = "pass-through",
        ["LeakyRelu"] = "pass-through",
        ["Reshape"] = "pass-through",
        ["Flatten"] = "pass-through",
        ["Squeeze"] = "pass-through",
        ["Unsqueeze"] = "pass-through",
        ["Transpose"] = "pass-through",
        ["Cast"] = "pass-through",
        ["Identity"] = "pass-through (removed)",
        ["Dropout"] = "pass-through (removed)",
        ["Constant"] = "constant",
    };

    /// <summary>How LRP treats the operator, or null when it does not support it.</summary>
    public static string? Describe(string op) => Treatment.GetValueOrDefault(op);

    public static bool IsSupported(string op) => Treatment.ContainsKey(op);

    public static string List => string.Join(", ", Treatment.Keys.Where(k => k != "Constant"));
}

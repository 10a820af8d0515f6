using Xunit;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>Every rule on a single Conv3d or Dense layer, with and without bias, equals the float64 explicit-matrix formula to 1e-5.</summary>
public sealed class RuleReferenceTests
{
    private const float Epsilon = 0.05f;
    private const float Gamma = 0.25f;
    private const float Low = -3f;
    private const float High = 3f;

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        string[] rules =
        [
            "lrp.z", "lrp.z_IB", "lrp.epsilon", "lrp.epsilon_IB", "lrp.z_plus", "lrp.z_plus_IB", "lrp.alpha_1_beta_0",
            "lrp.alpha_1_beta_0_IB", "lrp.alpha_2_beta_1", "lrp.alpha_2_beta_1_IB", "lrp.gamma", "lrp.gamma_IB",
            "lrp.flat", "lrp.w_square", "lrp.bounded",
        ];
        foreach (var rule in rules)
        foreach (var layer in new[] { "conv-stride1", "conv-wide", "conv-stride2", "conv-nonnegative-input", "dense" })
        foreach (var bias in new[] { true, false })
            data.Add(rule, layer, bias);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_matches_the_explicit_matrix_formula(string rule, string layer, bool bias)
    {
        var (model, shape) = layer switch
        {
            "conv-stride1" => (OnnxModelBuilder.SingleConvolution(2, 3, [4, 5, 6], kernel: 3, stride: 1, pad: 1, bias, seed: 11), new[] { 1, 2, 4, 5, 6 }),
            "conv-nonnegative-input" => (OnnxModelBuilder.SingleConvolution(3, 4, [4, 5, 4], kernel: 3, stride: 1, pad: 1, bias, seed: 15), new[] { 1, 3, 4, 5, 4 }),
            "conv-wide" => (OnnxModelBuilder.SingleConvolution(5, 3, [4, 4, 3], kernel: 3, stride: 1, pad: 1, bias, seed: 14), new[] { 1, 5, 4, 4, 3 }),
            "conv-stride2" => (OnnxModelBuilder.SingleConvolution(2, 3, [5, 6, 7], kernel: 3, stride: 2, pad: 1, bias, seed: 12), new[] { 1, 2, 5, 6, 7 }),
            _ => (OnnxModelBuilder.SingleDense(20, 7, bias, seed: 13), new[] { 1, 20 }),
        };
        var reference = layer == "dense" ? ExplicitRuleReference.FromDense(model) : ExplicitRuleReference.FromConvolution(model, shape);
        var x = OnnxModelBuilder.Normal(new Random(5), reference.Inputs, 1.0);
        // Non-negative inputs take the rules' shortcut without x⁻ terms (as after a ReLU, or for a normalised image).
        if (layer == "conv-nonnegative-input") x = x.Select(MathF.Abs).ToArray();

        using var engine = RelevanceEngine.FromBytes(model, layer, new RelevanceEngineOptions { Provider = ProviderPreference.Cpu });
        var composite = CompositeRegistry.Create(rule, new CompositeOptions { Epsilon = Epsilon, Gamma = Gamma, Low = Low, High = High });
        var result = engine.Explain(x, composite, cancellationToken: TestContext.Current.CancellationToken);

        var xd = x.Select(v => (double)v).ToArray();
        var rOut = result.Prediction.Select(v => (double)v).ToArray();
        var expected = reference.Relevance(rule, xd, rOut, Epsilon, Gamma, Low, High);
        var sensitivity = rule is "lrp.z" or "lrp.z_IB" ? reference.Lrp0Sensitivity(xd, rOut, includeBias: rule == "lrp.z") : null;
        AssertClose(expected, result.Relevance, 1e-5, sensitivity);
    }

    /// <summary>
    /// |expected − actual| ≤ tolerance · (max|expected| + sensitivity_i) for every element; the optional per-element
    /// sensitivity accounts for denominators that cancel (LRP-0 without ε).
    /// </summary>
    internal static void AssertClose(double[] expected, float[] actual, double tolerance, double[]? sensitivity = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(expected.Max(Math.Abs), 1e-12);
        for (var i = 0; i < expected.Length; i++)
        {
            var allowed = tolerance * (scale + (sensitivity?[i] ?? 0));
            var difference = Math.Abs(expected[i] - actual[i]);
            Assert.True(difference <= allowed,
                $"element {i}: expected {expected[i]:G9}, got {actual[i]:G9}; |difference| {difference:E3} exceeds {allowed:E3} (max|expected| {scale:E3})");
        }
    }
}

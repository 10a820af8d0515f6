using System.Globalization;

namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// LRP-z^B for inputs known to lie in [l, h] (first layer on raw image values):
/// R_i = Σ_j (x_i w_ij − l w_ij⁺ − h w_ij⁻) · R_j / Σ_i' (x_i' w_i'j − l w_i'j⁺ − h w_i'j⁻ (+ b_j when included)),
/// stabilised by 1e-6·sign. Without explicit bounds, l and h are the input's own minimum and maximum.
/// </summary>
public sealed class ZBoxRule(float? low = null, float? high = null, BiasMode bias = BiasMode.Ignore) : LrpRule
{
    public float? Low { get; } = low;

    public float? High { get; } = high;

    public BiasMode BiasMode { get; } = bias;

    public override string Name =>
        $"zbox({Format(Low)},{Format(High)}{BiasSuffix(BiasMode)})";

    public override string Propagate(RuleGraph g)
    {
        var w = g.Layer.Weights;
        var wPos = WeightModifiers.Positive(w);
        var wNeg = WeightModifiers.Negative(w);
        var (dataLow, dataHigh) = Low is null || High is null ? g.InputRange() : (null!, null!);
        var low = g.FillLikeInput(Low is { } l ? g.ScalarConstant(l) : dataLow);
        var high = g.FillLikeInput(High is { } h ? g.ScalarConstant(h) : dataHigh);
        var z = g.Sub(g.Sub(g.Linear(g.Input, w, Bias(g.Layer.Bias, BiasMode)), g.Linear(low, wPos, null)), g.Linear(high, wNeg, null));
        var s = g.Normalise(g.Relevance, z, DefaultStabiliser);
        var fromInput = g.Mul(g.Input, g.Transposed(s, w));
        var fromLow = g.Mul(low, g.Transposed(s, wPos));
        var fromHigh = g.Mul(high, g.Transposed(s, wNeg));
        return g.Sub(g.Sub(fromInput, fromLow), fromHigh);
    }

    private static string Format(float? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "data";
}

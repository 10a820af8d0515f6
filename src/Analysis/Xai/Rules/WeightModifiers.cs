namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>The parameter rewrites rules are built from (w⁺, w⁻, w², ones, w + γ·w±).</summary>
public static class WeightModifiers
{
    public static float[] Positive(float[] w) => w.Select(v => v > 0f ? v : 0f).ToArray();

    public static float[] Negative(float[] w) => w.Select(v => v < 0f ? v : 0f).ToArray();

    public static float[] Square(float[] w) => w.Select(v => v * v).ToArray();

    public static float[] Ones(float[] w) => Enumerable.Repeat(1f, w.Length).ToArray();

    /// <summary>w + γ·part(w), the Gamma rule's modification.</summary>
    public static float[] AddScaled(float[] w, float gamma, float[] part)
    {
        var result = new float[w.Length];
        for (var i = 0; i < w.Length; i++) result[i] = w[i] + gamma * part[i];
        return result;
    }
}

namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// Binary masks from probability maps (white-matter lesions: <c>[params.wml].threshold</c>, 0.8 by default). The
/// original binarised LST-lpa's map with nilearn's <c>math_img("img &gt; 0.8")</c>: strictly above the threshold.
/// </summary>
public static class LesionMask
{
    public const double DefaultThreshold = 0.8;

    /// <summary>
    /// True where the probability is above <paramref name="threshold"/> (NaN is never inside), compared in single
    /// precision as numpy compares a float32 map with a Python float (0.8 becomes 0.800000012).
    /// </summary>
    public static bool[] FromProbability(ReadOnlySpan<float> probability, double threshold = DefaultThreshold)
    {
        if (!(threshold is >= 0 and <= 1)) throw new InvalidInputException($"[params.wml].threshold = {threshold}; expected a probability in [0, 1].");
        var t = (float)threshold;
        var mask = new bool[probability.Length];
        for (var i = 0; i < probability.Length; i++) mask[i] = probability[i] > t;
        return mask;
    }

    /// <summary>True where the value is non-zero (an already binary mask, e.g. a thresholded PVS map).</summary>
    public static bool[] FromNonZero(ReadOnlySpan<float> values)
    {
        var mask = new bool[values.Length];
        for (var i = 0; i < values.Length; i++) mask[i] = values[i] != 0 && !float.IsNaN(values[i]);
        return mask;
    }
}

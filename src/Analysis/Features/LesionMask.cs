namespace RelevanceRelated.Analysis.Features;

/// <summary>Binary masks from probability maps (white-matter lesions: <c>[params.wml].threshold</c>, 0.8 by default).</summary>
public static class LesionMask
{
    public const double DefaultThreshold = 0.8;

    /// <summary>True where the probability is at least <paramref name="threshold"/> (NaN is never inside).</summary>
    public static bool[] FromProbability(ReadOnlySpan<float> probability, double threshold = DefaultThreshold)
    {
        if (!(threshold is > 0 and <= 1)) throw new InvalidInputException($"[params.wml].threshold = {threshold}; expected a probability in (0, 1].");
        var mask = new bool[probability.Length];
        for (var i = 0; i < probability.Length; i++) mask[i] = probability[i] >= threshold;
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

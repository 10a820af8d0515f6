namespace RelevanceRelated.Analysis.Models;

/// <summary>How a probability is compared with the PVS threshold: <c>&gt;=</c> as the original pipeline, <c>&gt;</c> as SHiVAi.</summary>
public enum ThresholdComparison
{
    GreaterOrEqual,
    Greater,
}

public static class ThresholdComparisons
{
    /// <summary>Parses ">=" or ">"; <paramref name="what"/> names the input in the error.</summary>
    public static ThresholdComparison Parse(string text, string what) => text.Trim() switch
    {
        ">=" => ThresholdComparison.GreaterOrEqual,
        ">" => ThresholdComparison.Greater,
        _ => throw new InvalidInputException($"{what}: \"{text}\" is not a threshold comparison; expected \">=\" or \">\""),
    };

    public static string Symbol(this ThresholdComparison c) => c == ThresholdComparison.Greater ? ">" : ">=";
}

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>The MRI sequence of the brain-age sub-ensemble whose relevance map an analysis reads (the original's "t1"/"flair" sub-ensembles).</summary>
public enum RelevanceSequence
{
    T1,
    Flair,
}

public static class RelevanceSequences
{
    /// <summary>"t1" or "flair", as in the original's file names (<c>..._t1-subens.csv</c>, <c>merged_fa-flair_jhu.csv</c>).</summary>
    public static string Name(this RelevanceSequence sequence) => sequence switch
    {
        RelevanceSequence.T1 => "t1",
        RelevanceSequence.Flair => "flair",
        _ => throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Unknown sequence."),
    };

    public static RelevanceSequence Parse(string text, string what = "--sequence") => text.Trim().ToLowerInvariant() switch
    {
        "t1" => RelevanceSequence.T1,
        "flair" => RelevanceSequence.Flair,
        _ => throw new InvalidInputException($"{what}: '{text}' is not a sub-ensemble sequence; expected t1 or flair."),
    };
}

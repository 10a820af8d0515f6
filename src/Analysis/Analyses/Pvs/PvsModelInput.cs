namespace RelevanceRelated.Analysis.Analyses.Pvs;

/// <summary>The images the PVS segmentation model was trained on: T1 alone or T1 and FLAIR (the original's <c>multi_modal</c>).</summary>
public enum PvsModelInput
{
    T1,
    T1Flair,
}

public static class PvsModelInputs
{
    /// <summary>The original's file-name prefix: <c>T1</c> or <c>T1-FLAIR</c> (as in <c>T1-FLAIR.PVS_t1-subens.csv</c>).</summary>
    public static string Prefix(this PvsModelInput input) => input == PvsModelInput.T1Flair ? "T1-FLAIR" : "T1";

    /// <summary>The input <see cref="Prefix"/> names (as recorded in a PVS result), or null for another text.</summary>
    public static PvsModelInput? FromPrefix(string? prefix) => prefix switch
    {
        "T1-FLAIR" => PvsModelInput.T1Flair,
        "T1" => PvsModelInput.T1,
        _ => null,
    };

    /// <summary>The model input of a PVS ensemble's configured channels (<c>["t1"]</c> or <c>["t1", "flair"]</c>).</summary>
    public static PvsModelInput FromChannels(IReadOnlyList<string> channels) =>
        channels.Any(c => string.Equals(c, "flair", StringComparison.OrdinalIgnoreCase)) ? PvsModelInput.T1Flair : PvsModelInput.T1;
}

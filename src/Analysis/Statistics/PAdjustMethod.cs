namespace RelevanceRelated.Analysis.Statistics;

/// <summary>Multiple-comparison corrections, named as R's p.adjust names them.</summary>
public enum PAdjustMethod
{
    None,
    Bonferroni,
    Holm,
    /// <summary>Benjamini–Hochberg false discovery rate ("BH", "fdr", statsmodels' "fdr_bh").</summary>
    BenjaminiHochberg,
}

/// <summary>Parses the method names the console and configuration accept.</summary>
public static class PAdjustMethodNames
{
    public static PAdjustMethod Parse(string name, string source = "--correction") => name.Trim().ToLowerInvariant() switch
    {
        "none" => PAdjustMethod.None,
        "bonferroni" => PAdjustMethod.Bonferroni,
        "holm" => PAdjustMethod.Holm,
        "fdr_bh" or "bh" or "fdr" => PAdjustMethod.BenjaminiHochberg,
        _ => throw new InvalidInputException($"{source}: unknown correction '{name}'; expected bonferroni, holm, fdr_bh or none."),
    };
}

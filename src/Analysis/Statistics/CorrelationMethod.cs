namespace RelevanceRelated.Analysis.Statistics;

public enum CorrelationMethod
{
    Pearson,
    Spearman,
}

public static class CorrelationMethods
{
    public static CorrelationMethod Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "pearson" => CorrelationMethod.Pearson,
        "spearman" => CorrelationMethod.Spearman,
        _ => throw new InvalidInputException($"--method: unknown correlation '{name}'; expected pearson or spearman."),
    };

    public static CorrelationResult Test(CorrelationMethod method, ReadOnlySpan<double> x, ReadOnlySpan<double> y) => method switch
    {
        CorrelationMethod.Pearson => PearsonCorrelation.Test(x, y),
        CorrelationMethod.Spearman => SpearmanCorrelation.Test(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown correlation method."),
    };
}

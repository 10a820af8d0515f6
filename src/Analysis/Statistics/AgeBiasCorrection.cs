namespace RelevanceRelated.Analysis.Statistics;

/// <summary>Shape of the age trend removed from the brain-age gap.</summary>
public enum AgeBiasMethod
{
    /// <summary>DBA ~ age (the common linear correction).</summary>
    Linear = 1,
    /// <summary>DBA ~ age + age² + age³ (the original's correct_data_for with deg = 3).</summary>
    Poly3 = 3,
}

/// <summary>The brain-age gap per subject and its age-bias-corrected value.</summary>
public sealed record AgeBiasResult(double[] Dba, double[] DbaCorrected, OlsResult Fit);

/// <summary>
/// Age-bias correction of the brain-age gap DBA = predicted − age: the residual of DBA on a polynomial of age,
/// fitted on the subjects with both values. Subjects missing either value get NaN.
/// </summary>
public static class AgeBiasCorrection
{
    public static AgeBiasMethod ParseMethod(string name) => name.Trim().ToLowerInvariant() switch
    {
        "poly3" => AgeBiasMethod.Poly3,
        "linear" => AgeBiasMethod.Linear,
        _ => throw new InvalidInputException($"--method: unknown age-bias correction '{name}'; expected poly3 or linear."),
    };

    public static AgeBiasResult Correct(ReadOnlySpan<double> age, ReadOnlySpan<double> predicted, AgeBiasMethod method)
    {
        if (age.Length != predicted.Length)
            throw new InvalidInputException($"age has {age.Length} values but the predicted age has {predicted.Length}.");
        var n = age.Length;
        var dba = new double[n];
        for (var i = 0; i < n; i++) dba[i] = predicted[i] - age[i];

        // R's poly() is orthogonal, yet its fitted values equal those of raw powers; centring and scaling age first
        // keeps the raw-power design well conditioned (age³ of 80-year-olds is ~5e5) without changing the fit.
        double mean = 0, count = 0;
        for (var i = 0; i < n; i++) if (!double.IsNaN(age[i]) && !double.IsNaN(dba[i])) { mean += age[i]; count++; }
        var degree = (int)method;
        if (count <= degree + 1)
            throw new InvalidInputException($"Age-bias correction ({method}) needs more than {degree + 1} subjects with both age and predicted age; got {count}.");
        mean /= count;
        double ss = 0;
        for (var i = 0; i < n; i++) if (!double.IsNaN(age[i]) && !double.IsNaN(dba[i])) ss += (age[i] - mean) * (age[i] - mean);
        var sd = Math.Sqrt(ss / Math.Max(1, count - 1));
        if (!(sd > 0)) throw new InvalidInputException("Age does not vary among the subjects with both age and predicted age; no age trend can be fitted.");

        var predictors = new List<(string, double[])>(degree);
        for (var d = 1; d <= degree; d++)
        {
            var column = new double[n];
            for (var i = 0; i < n; i++) column[i] = Math.Pow((age[i] - mean) / sd, d);
            predictors.Add((d == 1 ? "age" : $"age^{d}", column));
        }
        var fit = OrdinaryLeastSquares.Fit(dba, predictors);
        return new AgeBiasResult(dba, fit.Residuals, fit);
    }
}

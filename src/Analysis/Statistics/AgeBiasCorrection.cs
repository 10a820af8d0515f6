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
/// fitted on the subjects with both values (<see cref="PolynomialResidualisation"/>). Subjects missing either value get NaN.
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
        var corrected = PolynomialResidualisation.Residualise("dba", dba, "age", age, (int)method);
        return new AgeBiasResult(dba, corrected.Corrected, corrected.Fit);
    }
}

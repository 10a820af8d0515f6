namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// A registration's outcome: the transform mapping fixed points to moving points (so it moves the moving image onto
/// the fixed grid, as antsRegistration's output does), the centre it was parameterised about (written as the ITK
/// transform's fixed parameters) and what each level did.
/// </summary>
public sealed record RegistrationResult(LinearTransform Transform, (double X, double Y, double Z) Centre,
    RegistrationKind Kind, IReadOnlyList<RegistrationLevelReport> Levels)
{
    /// <summary>The chain that moves the moving image onto the fixed grid.</summary>
    public TransformChain ToChain() => new([Transform]);
}

/// <summary>One stage and level: its shrink factor and σ, iterations run, samples used, final metric (−MI), why it
/// stopped, and its wall time (preparing the level's images and samples, and optimising).</summary>
public sealed record RegistrationLevelReport(string Stage, int ShrinkFactor, double Sigma, int Iterations, int Samples,
    double Metric, string StopReason, double Seconds);

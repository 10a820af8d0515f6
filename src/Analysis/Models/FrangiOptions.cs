namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Parameters of the Frangi vesselness filter (Frangi et al. 1998), as scikit-image's <c>frangi</c> names them:
/// scales σ in mm, plate sensitivity α, blob sensitivity β, structure sensitivity c (γ in scikit-image).
/// </summary>
public sealed record FrangiOptions
{
    /// <summary>Scales in mm; the default covers PVS radii of about 0.5–2 mm.</summary>
    public IReadOnlyList<double> SigmasMm { get; init; } = [0.5, 1.0, 1.5];

    public double Alpha { get; init; } = 0.5;

    public double Beta { get; init; } = 0.5;

    /// <summary>
    /// Structure sensitivity c. Null: half the largest Hessian Frobenius norm inside the mask at each scale,
    /// as Frangi et al. suggest; set it to compare with scikit-image, whose γ is a fixed number.
    /// </summary>
    public double? C { get; init; }

    public VesselPolarity Polarity { get; init; } = VesselPolarity.Dark;

    /// <summary>Gaussian kernels reach this many σ (scipy's default truncate = 4).</summary>
    public double Truncate { get; init; } = 4.0;

    internal void Validate()
    {
        if (SigmasMm.Count == 0 || SigmasMm.Any(s => !(s > 0)))
            throw new InvalidInputException($"frangi: scales [{string.Join(", ", SigmasMm)}] must be a non-empty list of sizes > 0 mm");
        if (!(Alpha > 0) || !(Beta > 0))
            throw new InvalidInputException($"frangi: alpha ({Alpha}) and beta ({Beta}) must be > 0");
        if (C is { } c && !(c > 0))
            throw new InvalidInputException($"frangi: c ({c}) must be > 0, or unset to derive it from the Hessian norm");
    }
}

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// The settings of a registration, defaulting to what antsRegistrationSyN.sh uses for its linear stages:
/// <c>--transform Rigid[0.1] --metric MI[fixed,moving,1,32,Regular,0.25] --convergence [1000x500x250x100,1e-6,10]
/// --shrink-factors 8x4x2x1 --smoothing-sigmas 3x2x1x0vox</c> after a centre-of-mass initialisation
/// (<c>--initial-moving-transform [fixed,moving,1]</c>).
/// </summary>
public sealed record RegistrationOptions
{
    public RegistrationKind Kind { get; init; } = RegistrationKind.Rigid;

    /// <summary>Histogram bins of Mattes mutual information (ANTs' MI[…,32,…]).</summary>
    public int Bins { get; init; } = 32;

    /// <summary>Share of the fixed grid's voxels sampled (ANTs' Regular,0.25): every 1/p-th voxel, moved by a seeded
    /// random offset within its voxel.</summary>
    public double SamplingPercentage { get; init; } = 0.25;

    /// <summary>Per level, the factor the images are shrunk by (coarse to fine).</summary>
    public IReadOnlyList<int> ShrinkFactors { get; init; } = [8, 4, 2, 1];

    /// <summary>Per level, the Gaussian σ (in full-resolution voxels) applied before shrinking.</summary>
    public IReadOnlyList<double> SmoothingSigmas { get; init; } = [3, 2, 1, 0];

    /// <summary>Per level, the most gradient steps.</summary>
    public IReadOnlyList<int> Iterations { get; init; } = [1000, 500, 250, 100];

    /// <summary>ANTs' gradient step (<c>Rigid[0.1]</c>): each iteration moves the fixed grid's corners by at most this
    /// many millimetres (the learning rate is re-estimated every iteration from physical-shift scales).</summary>
    public double GradientStep { get; init; } = 0.1;

    /// <summary>When the step direction turns back (successive steps at more than 90°, the optimum was overshot) the
    /// step length is multiplied by this, as ITK's RegularStepGradientDescentOptimizerv4 relaxes it; 1 keeps ANTs'
    /// fixed step, which leaves the last level oscillating about the optimum by up to the step.</summary>
    public double RelaxationFactor { get; init; } = 0.5;

    /// <summary>Stop a level when the normalised slope of the last <see cref="ConvergenceWindow"/> metric values
    /// falls to this (ANTs' convergence threshold).</summary>
    public double ConvergenceThreshold { get; init; } = 1e-6;

    public int ConvergenceWindow { get; init; } = 10;

    /// <summary>Seed of the sampling offsets (fixed, so a registration is repeatable).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Start from the translation that aligns the intensity centres of mass (else from the identity).</summary>
    public bool CentreOfMassInitialisation { get; init; } = true;

    /// <exception cref="InvalidInputException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Bins is < 8 or > 256) throw new InvalidInputException($"bins: {Bins}; expected 8 to 256");
        if (!(SamplingPercentage > 0 && SamplingPercentage <= 1)) throw new InvalidInputException($"sampling percentage: {SamplingPercentage}; expected (0, 1]");
        if (ShrinkFactors.Count == 0 || ShrinkFactors.Count != SmoothingSigmas.Count || ShrinkFactors.Count != Iterations.Count)
            throw new InvalidInputException($"levels: {ShrinkFactors.Count} shrink factors, {SmoothingSigmas.Count} smoothing sigmas and {Iterations.Count} iteration counts; expected the same positive number of each");
        if (ShrinkFactors.Any(f => f < 1)) throw new InvalidInputException($"shrink factors: [{string.Join(", ", ShrinkFactors)}]; each must be 1 or more");
        if (SmoothingSigmas.Any(s => !(s >= 0) || double.IsInfinity(s))) throw new InvalidInputException($"smoothing sigmas: [{string.Join(", ", SmoothingSigmas)}]; each must be 0 or more");
        if (Iterations.Any(i => i < 0)) throw new InvalidInputException($"iterations: [{string.Join(", ", Iterations)}]; each must be 0 or more");
        if (!(GradientStep > 0) || double.IsInfinity(GradientStep)) throw new InvalidInputException($"gradient step: {GradientStep}; expected a positive number of millimetres");
        if (!(RelaxationFactor is > 0 and <= 1)) throw new InvalidInputException($"relaxation factor: {RelaxationFactor}; expected (0, 1]");
        if (!(ConvergenceThreshold >= 0)) throw new InvalidInputException($"convergence threshold: {ConvergenceThreshold}; expected 0 or more");
        if (ConvergenceWindow < 2) throw new InvalidInputException($"convergence window: {ConvergenceWindow}; expected 2 or more");
    }
}

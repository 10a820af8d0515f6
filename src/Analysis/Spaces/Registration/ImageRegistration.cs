using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// "Register moving to fixed" in one call, as antsRegistration runs a linear stage: centre-of-mass initialisation,
/// then per level (coarse to fine) smoothed and shrunk images, Mattes mutual information on regularly sampled fixed
/// points, and gradient descent whose learning rate is re-estimated each iteration so the step moves the fixed grid's
/// corners by <see cref="RegistrationOptions.GradientStep"/> mm, on parameters scaled by their physical shift; a level
/// ends after its iterations or when the windowed convergence value reaches the threshold. An affine registration runs
/// the rigid stage first and continues from it.
/// </summary>
public static class ImageRegistration
{
    /// <returns>The transform mapping fixed points to moving points (it moves the moving image onto the fixed grid).</returns>
    /// <exception cref="InvalidInputException">Bad options, 4-D inputs, or images that do not overlap.</exception>
    public static RegistrationResult Register(Volume fixedImage, Volume moving, RegistrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixedImage);
        ArgumentNullException.ThrowIfNull(moving);
        options ??= new RegistrationOptions();
        options.Validate();
        if (fixedImage.Frames != 1) throw new InvalidInputException($"--fixed: shape [{string.Join(", ", fixedImage.Shape)}]; registration needs a 3-D image");
        if (moving.Frames != 1) throw new InvalidInputException($"--moving: shape [{string.Join(", ", moving.Shape)}]; registration needs a 3-D image");

        var centre = CentreOfMass.Of(fixedImage);
        var initial = options.CentreOfMassInitialisation ? CentreOfMass.Of(moving) : centre;
        double[] parameters = [0, 0, 0, initial.X - centre.X, initial.Y - centre.Y, initial.Z - centre.Z];
        Parameterization stage = new EulerParameterization();
        var reports = new List<RegistrationLevelReport>();
        var metrics = new MattesMutualInformation?[options.ShrinkFactors.Count];
        while (true)
        {
            for (var level = 0; level < options.ShrinkFactors.Count; level++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                metrics[level] ??= new MattesMutualInformation(
                    LevelImage.Create(fixedImage, options.ShrinkFactors[level], options.SmoothingSigmas[level]),
                    LevelImage.Create(moving, options.ShrinkFactors[level], options.SmoothingSigmas[level]),
                    centre, options.Bins, options.SamplingPercentage, options.Seed + level);
                reports.Add(Optimise(stage, metrics[level]!, parameters, options, level, cancellationToken) with { Seconds = clock.Elapsed.TotalSeconds });
            }
            if (options.Kind == RegistrationKind.Rigid || stage is AffineParameterization) break;
            var next = new double[12];
            stage.Evaluate(parameters, next.AsSpan(0, 9), next.AsSpan(9, 3));
            parameters = next;
            stage = new AffineParameterization();
        }

        Span<double> m = stackalloc double[9], t = stackalloc double[3];
        stage.Evaluate(parameters, m, t);
        var affine = new double[16];
        double[] c = [centre.X, centre.Y, centre.Z];
        for (var r = 0; r < 3; r++)
        {
            affine[r * 4 + 3] = c[r] + t[r];
            for (var k = 0; k < 3; k++)
            {
                affine[r * 4 + k] = m[r * 3 + k];
                affine[r * 4 + 3] -= m[r * 3 + k] * c[k];
            }
        }
        affine[15] = 1;
        return new RegistrationResult(new LinearTransform(new Affine(affine)), centre, options.Kind, reports);
    }

    private static RegistrationLevelReport Optimise(Parameterization stage, MattesMutualInformation metric, double[] parameters,
        RegistrationOptions options, int level, CancellationToken cancellationToken)
    {
        var corners = metric.Corners;
        var scales = stage.Scales(parameters, corners);
        var monitor = new ConvergenceMonitor(options.ConvergenceWindow);
        var gradient = new double[stage.Count];
        var step = new double[stage.Count];
        var previous = new double[stage.Count];
        var probe = new double[stage.Count];
        var length = options.GradientStep;
        var value = double.NaN;
        var stop = "iterations";
        var iteration = 0;
        for (; iteration < options.Iterations[level]; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            value = stage.ValueAndDerivative(metric, parameters, gradient);
            monitor.Add(value);
            if (monitor.Value <= options.ConvergenceThreshold)
            {
                stop = "converged";
                break;
            }
            double size = 0;
            for (var i = 0; i < step.Length; i++)
            {
                step[i] = gradient[i] / scales[i];
                size += Math.Abs(step[i]) * Math.Sqrt(scales[i]);
            }
            if (!(size > 0))
            {
                stop = "zero gradient";
                break;
            }
            // Overshot: the direction turned back, so shorten the step (scaled parameters; 1 keeps ANTs' fixed step).
            double turn = 0;
            for (var i = 0; i < step.Length; i++) turn += step[i] * previous[i] * scales[i];
            if (turn < 0) length *= options.RelaxationFactor;
            step.CopyTo(previous, 0);
            // The step's largest corner shift, measured on a tiny multiple of it (where the map is linear in it).
            var h = 1e-3 / size;
            for (var i = 0; i < step.Length; i++) probe[i] = parameters[i] + h * step[i];
            var shift = stage.MaximumShift(parameters, probe, corners) / h;
            var rate = shift > 1e-12 ? length / shift : 1;
            for (var i = 0; i < step.Length; i++) parameters[i] += rate * step[i];
        }
        return new RegistrationLevelReport(stage.Stage, options.ShrinkFactors[level], options.SmoothingSigmas[level], iteration,
            metric.ValidSamples, value, stop, 0);
    }
}

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// How parameters μ define a linear map about a centre c: y = M(μ)·(x − c) + c + t(μ), as ITK's centred transforms do.
/// Scales and step sizes are measured on the map itself (finite differences at the fixed grid's corners), so they hold
/// for any parameterisation.
/// </summary>
internal abstract class Parameterization
{
    public abstract int Count { get; }

    public abstract string Stage { get; }

    /// <summary>M (row-major 3×3) and t of the parameters.</summary>
    public abstract void Evaluate(ReadOnlySpan<double> parameters, Span<double> matrix, Span<double> translation);

    /// <summary>The metric's value and derivative at these parameters (dispatches to the specialised sample loop).</summary>
    public abstract double ValueAndDerivative(MattesMutualInformation metric, ReadOnlySpan<double> parameters, Span<double> derivative);

    /// <summary>ITK's RegistrationParameterScalesFromPhysicalShift: per parameter, the largest squared physical shift a
    /// unit change causes at the corners (from a 0.01 change, as ITK's small parameter variation).</summary>
    public double[] Scales(ReadOnlySpan<double> parameters, IReadOnlyList<(double X, double Y, double Z)> corners)
    {
        const double delta = 0.01;
        var scales = new double[Count];
        var shifted = parameters.ToArray();
        for (var i = 0; i < Count; i++)
        {
            shifted[i] += delta;
            var shift = MaximumShift(parameters, shifted, corners) / delta;
            scales[i] = Math.Max(shift * shift, 1e-12);
            shifted[i] = parameters[i];
        }
        return scales;
    }

    /// <summary>The largest distance a corner moves between two parameter vectors (ITK's step scale).</summary>
    public double MaximumShift(ReadOnlySpan<double> from, ReadOnlySpan<double> to, IReadOnlyList<(double X, double Y, double Z)> corners)
    {
        Span<double> ma = stackalloc double[9], ta = stackalloc double[3], mb = stackalloc double[9], tb = stackalloc double[3];
        Evaluate(from, ma, ta);
        Evaluate(to, mb, tb);
        double max = 0;
        foreach (var (x, y, z) in corners)
        {
            double s = 0;
            for (var r = 0; r < 3; r++)
            {
                var d = (mb[r * 3] - ma[r * 3]) * x + (mb[r * 3 + 1] - ma[r * 3 + 1]) * y + (mb[r * 3 + 2] - ma[r * 3 + 2]) * z + tb[r] - ta[r];
                s += d * d;
            }
            max = Math.Max(max, Math.Sqrt(s));
        }
        return max;
    }
}

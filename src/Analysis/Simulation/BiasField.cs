namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// A smooth multiplicative intensity non-uniformity, as a receive coil produces: exp of a second-order
/// polynomial in the position (nine coefficients with SD 0.08 on coordinates scaled to ±1 over 100 mm), i.e.
/// roughly ±10–25 % across the head. Each contrast gets its own field.
/// </summary>
public sealed class BiasField
{
    private readonly double[] _c = new double[9];

    public BiasField(Random random)
    {
        for (var n = 0; n < _c.Length; n++) _c[n] = random.Gaussian(0, 0.08);
    }

    /// <summary>The gain at a position (mm, relative to the scanner centre).</summary>
    public double Gain(double x, double y, double z)
    {
        var (u, v, w) = (x / 100, y / 100, z / 100);
        return Math.Exp(_c[0] * u + _c[1] * v + _c[2] * w + _c[3] * u * u + _c[4] * v * v + _c[5] * w * w
                        + _c[6] * u * v + _c[7] * u * w + _c[8] * v * w);
    }
}

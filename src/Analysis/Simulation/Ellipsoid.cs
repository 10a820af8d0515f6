namespace RelevanceRelated.Analysis.Simulation;

/// <summary>An axis-aligned ellipsoid in template millimetres (RAS): a structure, an envelope or a cut-out.</summary>
public readonly record struct Ellipsoid(double Cx, double Cy, double Cz, double A, double B, double C)
{
    /// <summary>Squared normalised radius: below 1 inside, 1 on the surface.</summary>
    public double Rho2(double x, double y, double z)
    {
        var u = (x - Cx) / A;
        var v = (y - Cy) / B;
        var w = (z - Cz) / C;
        return u * u + v * v + w * w;
    }

    /// <summary>Squared normalised radius of this ellipsoid scaled by <paramref name="scale"/> about its centre.</summary>
    public double Rho2Scaled(double x, double y, double z, double scale) => Rho2(x, y, z) / (scale * scale);

    /// <summary>
    /// Signed distance (mm) along the ray from the centre: positive inside (depth below the surface), negative
    /// outside. Exact for spheres and close enough for the gently elongated shapes used here.
    /// </summary>
    public double Depth(double x, double y, double z)
    {
        var rho = Math.Sqrt(Rho2(x, y, z));
        var dx = x - Cx;
        var dy = y - Cy;
        var dz = z - Cz;
        var r = Math.Sqrt(dx * dx + dy * dy + dz * dz);
        return rho < 1e-9 ? Math.Min(A, Math.Min(B, C)) : r * (1 / rho - 1);
    }

    /// <summary>The left-right mirror image (x → −x).</summary>
    public Ellipsoid Mirrored => this with { Cx = -Cx };

    /// <summary>Volume in mm³.</summary>
    public double Volume => 4.0 / 3.0 * Math.PI * A * B * C;

    /// <summary>The same shape with every semi-axis grown by <paramref name="mm"/>.</summary>
    public Ellipsoid Grown(double mm) => this with { A = A + mm, B = B + mm, C = C + mm };
}

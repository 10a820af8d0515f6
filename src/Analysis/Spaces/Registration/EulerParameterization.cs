namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// Rigid: ITK's Euler3DTransform parameters (θx, θy, θz, tx, ty, tz) with M = Rz·Rx·Ry, which is what ANTs'
/// <c>Rigid</c> optimises.
/// </summary>
internal sealed class EulerParameterization : Parameterization
{
    public override int Count => 6;

    public override string Stage => "rigid";

    public override void Evaluate(ReadOnlySpan<double> p, Span<double> matrix, Span<double> translation)
    {
        Rotation(p[0], p[1], p[2], matrix, -1);
        translation[0] = p[3];
        translation[1] = p[4];
        translation[2] = p[5];
    }

    public override double ValueAndDerivative(MattesMutualInformation metric, ReadOnlySpan<double> p, Span<double> derivative)
    {
        Span<double> m = stackalloc double[9], t = stackalloc double[3];
        Evaluate(p, m, t);
        var jacobian = new Jacobian(p[0], p[1], p[2]);
        return metric.ValueAndDerivative(m, t, jacobian, derivative);
    }

    /// <summary>Rz·Rx·Ry, or its derivative with respect to angle <paramref name="derivativeOf"/> (0 x, 1 y, 2 z).</summary>
    private static void Rotation(double ax, double ay, double az, Span<double> m, int derivativeOf)
    {
        double cx = Math.Cos(ax), sx = Math.Sin(ax), cy = Math.Cos(ay), sy = Math.Sin(ay), cz = Math.Cos(az), sz = Math.Sin(az);
        Span<double> rx = [1, 0, 0, 0, cx, -sx, 0, sx, cx];
        Span<double> ry = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
        Span<double> rz = [cz, -sz, 0, sz, cz, 0, 0, 0, 1];
        if (derivativeOf == 0) rx = [0, 0, 0, 0, -sx, -cx, 0, cx, -sx];
        if (derivativeOf == 1) ry = [-sy, 0, cy, 0, 0, 0, -cy, 0, -sy];
        if (derivativeOf == 2) rz = [-sz, -cz, 0, cz, -sz, 0, 0, 0, 0];
        Span<double> xy = stackalloc double[9];
        Multiply(rx, ry, xy);
        Multiply(rz, xy, m);
    }

    private static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> into)
    {
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++)
                into[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
    }

    /// <summary>∇M·∂y/∂θi = ∇M·(∂R/∂θi · d); ∇M·∂y/∂ti = ∇Mi.</summary>
    internal readonly struct Jacobian : IJacobian
    {
        private readonly double _x0, _x1, _x2, _x3, _x4, _x5, _x6, _x7, _x8;
        private readonly double _y0, _y1, _y2, _y3, _y4, _y5, _y6, _y7, _y8;
        private readonly double _z0, _z1, _z2, _z3, _z4, _z5, _z6, _z7, _z8;

        public Jacobian(double ax, double ay, double az)
        {
            Span<double> d = stackalloc double[9];
            Rotation(ax, ay, az, d, 0);
            (_x0, _x1, _x2, _x3, _x4, _x5, _x6, _x7, _x8) = (d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
            Rotation(ax, ay, az, d, 1);
            (_y0, _y1, _y2, _y3, _y4, _y5, _y6, _y7, _y8) = (d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
            Rotation(ax, ay, az, d, 2);
            (_z0, _z1, _z2, _z3, _z4, _z5, _z6, _z7, _z8) = (d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
        }

        public void Contract(double gx, double gy, double gz, double dx, double dy, double dz, Span<double> into)
        {
            into[0] = gx * (_x0 * dx + _x1 * dy + _x2 * dz) + gy * (_x3 * dx + _x4 * dy + _x5 * dz) + gz * (_x6 * dx + _x7 * dy + _x8 * dz);
            into[1] = gx * (_y0 * dx + _y1 * dy + _y2 * dz) + gy * (_y3 * dx + _y4 * dy + _y5 * dz) + gz * (_y6 * dx + _y7 * dy + _y8 * dz);
            into[2] = gx * (_z0 * dx + _z1 * dy + _z2 * dz) + gy * (_z3 * dx + _z4 * dy + _z5 * dz) + gz * (_z6 * dx + _z7 * dy + _z8 * dz);
            into[3] = gx;
            into[4] = gy;
            into[5] = gz;
        }
    }
}

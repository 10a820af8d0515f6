namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>Affine: ITK's AffineTransform parameters (M row-major, then t), what ANTs' <c>Affine</c> optimises.</summary>
internal sealed class AffineParameterization : Parameterization
{
    public override int Count => 12;

    public override string Stage => "affine";

    public override void Evaluate(ReadOnlySpan<double> p, Span<double> matrix, Span<double> translation)
    {
        p[..9].CopyTo(matrix);
        p.Slice(9, 3).CopyTo(translation);
    }

    public override double ValueAndDerivative(MattesMutualInformation metric, ReadOnlySpan<double> p, Span<double> derivative) =>
        metric.ValueAndDerivative(p[..9], p.Slice(9, 3), default(Jacobian), derivative);

    /// <summary>∇M·∂y/∂M_rc = ∇M_r·d_c; ∇M·∂y/∂t_r = ∇M_r.</summary>
    internal readonly struct Jacobian : IJacobian
    {
        public void Contract(double gx, double gy, double gz, double dx, double dy, double dz, Span<double> into)
        {
            into[0] = gx * dx; into[1] = gx * dy; into[2] = gx * dz;
            into[3] = gy * dx; into[4] = gy * dy; into[5] = gy * dz;
            into[6] = gz * dx; into[7] = gz * dy; into[8] = gz * dz;
            into[9] = gx; into[10] = gy; into[11] = gz;
        }
    }
}

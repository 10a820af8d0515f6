namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// The derivative of a transform's output point with respect to its parameters, contracted with the moving image's
/// world gradient: into[p] = ∇M · ∂y/∂μp at the fixed point d (relative to the centre). A struct per parameterisation,
/// so the metric's sample loop is specialised and inlined for it.
/// </summary>
internal interface IJacobian
{
    void Contract(double gx, double gy, double gz, double dx, double dy, double dz, Span<double> into);
}

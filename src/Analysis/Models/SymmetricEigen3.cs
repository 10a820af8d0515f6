namespace RelevanceRelated.Analysis.Models;

/// <summary>Eigenvalues of a symmetric 3×3 matrix in closed form (trigonometric solution of the characteristic cubic).</summary>
internal static class SymmetricEigen3
{
    /// <summary>The three eigenvalues, ordered by absolute value ascending (|λ1| ≤ |λ2| ≤ |λ3|), as Frangi's filter wants them.</summary>
    public static (double L1, double L2, double L3) ByMagnitude(double a11, double a22, double a33, double a12, double a13, double a23)
    {
        double e1, e2, e3;
        var p1 = a12 * a12 + a13 * a13 + a23 * a23;
        if (p1 == 0)
        {
            e1 = a11; e2 = a22; e3 = a33;
        }
        else
        {
            var q = (a11 + a22 + a33) / 3;
            double b11 = a11 - q, b22 = a22 - q, b33 = a33 - q;
            var p2 = b11 * b11 + b22 * b22 + b33 * b33 + 2 * p1;
            var p = Math.Sqrt(p2 / 6);
            // det(B)/2 with B = (A − qI)/p; clamped because rounding can push it just outside [−1, 1].
            var det = b11 * (b22 * b33 - a23 * a23) - a12 * (a12 * b33 - a23 * a13) + a13 * (a12 * a23 - b22 * a13);
            var r = Math.Clamp(det / (2 * p * p * p), -1.0, 1.0);
            var phi = Math.Acos(r) / 3;
            e1 = q + 2 * p * Math.Cos(phi);
            e3 = q + 2 * p * Math.Cos(phi + 2 * Math.PI / 3);
            e2 = 3 * q - e1 - e3;
        }
        // Sort three values by magnitude with a fixed network.
        if (Math.Abs(e1) > Math.Abs(e2)) (e1, e2) = (e2, e1);
        if (Math.Abs(e2) > Math.Abs(e3)) (e2, e3) = (e3, e2);
        if (Math.Abs(e1) > Math.Abs(e2)) (e1, e2) = (e2, e1);
        return (e1, e2, e3);
    }
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// An affine map of world points (RAS mm), reference side → moving side. Every linear ITK transform (affine, rigid,
/// similarity, translation) becomes one of these; neighbours in a chain compose into one matrix.
/// </summary>
public sealed class LinearTransform : SpatialTransform
{
    public LinearTransform(Affine matrix)
    {
        if (!matrix.IsInvertible)
            throw new InvalidInputException($"a linear transform must be an invertible affine, got {matrix}");
        Matrix = matrix;
    }

    public static LinearTransform Identity { get; } = new(Affine.Identity);

    /// <summary>The 4×4 RAS matrix: moving point = Matrix · reference point.</summary>
    public Affine Matrix { get; }

    public override (double X, double Y, double Z) Map(double x, double y, double z) => Matrix.Apply(x, y, z);

    public LinearTransform Inverse() => new(Matrix.Inverse("linear transform"));

    /// <summary>This transform applied after <paramref name="first"/> (points go through <paramref name="first"/> first).</summary>
    public LinearTransform After(LinearTransform first) => new(Matrix * first.Matrix);

    public override string Description => "affine";
}

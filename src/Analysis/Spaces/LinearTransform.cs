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

    /// <summary>A rigid map as ITK's Euler3DTransform builds it: rotations about x, y and z (degrees) combined as
    /// Rz·Rx·Ry about <paramref name="centre"/>, then a translation.</summary>
    public static LinearTransform Euler(double degreesX, double degreesY, double degreesZ, (double X, double Y, double Z) translation,
        (double X, double Y, double Z) centre)
    {
        double ax = degreesX * Math.PI / 180, ay = degreesY * Math.PI / 180, az = degreesZ * Math.PI / 180;
        var rx = new Affine([1, 0, 0, 0, 0, Math.Cos(ax), -Math.Sin(ax), 0, 0, Math.Sin(ax), Math.Cos(ax), 0, 0, 0, 0, 1]);
        var ry = new Affine([Math.Cos(ay), 0, Math.Sin(ay), 0, 0, 1, 0, 0, -Math.Sin(ay), 0, Math.Cos(ay), 0, 0, 0, 0, 1]);
        var rz = new Affine([Math.Cos(az), -Math.Sin(az), 0, 0, Math.Sin(az), Math.Cos(az), 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
        return new LinearTransform(Affine.Translation(centre.X + translation.X, centre.Y + translation.Y, centre.Z + translation.Z)
            * rz * rx * ry * Affine.Translation(-centre.X, -centre.Y, -centre.Z));
    }

    public override string Description => "affine";
}

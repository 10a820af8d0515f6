using System.Runtime.CompilerServices;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// A dense displacement field (ITK's DisplacementFieldTransform, antsRegistration's <c>*Warp.nii.gz</c>): moving point
/// = p + u(p), with u sampled as ITK samples it — trilinearly (VectorLinearInterpolateImageFunction) where p lies within
/// half a voxel of the field's grid (continuous index in [−0.5, n − 0.5) on every axis; neighbours beyond the edge take
/// the edge value), and zero elsewhere, so points outside the field are not moved.
/// </summary>
public sealed class DisplacementFieldTransform : SpatialTransform
{
    private readonly float[] _vectors;
    private readonly double[] _toIndex;
    private readonly int _nx, _ny, _nz;

    /// <param name="grid">The field's grid (its voxels are where the displacements are given).</param>
    /// <param name="vectors">Displacements in RAS mm, interleaved per voxel (x, y, z), x-fastest voxel order; length 3·voxels.</param>
    public DisplacementFieldTransform(ImageGrid grid, float[] vectors)
    {
        if (vectors.Length != 3L * grid.VoxelCount)
            throw new ArgumentException($"a {grid.Nx}×{grid.Ny}×{grid.Nz} field needs {3L * grid.VoxelCount} values, got {vectors.Length}", nameof(vectors));
        Grid = grid;
        _vectors = vectors;
        _toIndex = grid.Affine.Inverse("displacement field grid").ToArray();
        (_nx, _ny, _nz) = grid.Shape;
    }

    public ImageGrid Grid { get; }

    /// <summary>The displacements (RAS mm, interleaved x, y, z per voxel).</summary>
    public ReadOnlySpan<float> Vectors => _vectors;

    public override string Description => $"displacement field {_nx}×{_ny}×{_nz}";

    public override (double X, double Y, double Z) Map(double x, double y, double z)
    {
        Displace(ref x, ref y, ref z);
        return (x, y, z);
    }

    /// <summary>Adds u(p) to p in place (the chain resampler's inner step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Displace(ref double x, ref double y, ref double z)
    {
        var m = _toIndex;
        var cx = m[0] * x + m[1] * y + m[2] * z + m[3];
        var cy = m[4] * x + m[5] * y + m[6] * z + m[7];
        var cz = m[8] * x + m[9] * y + m[10] * z + m[11];
        // ITK's IsInsideBuffer; the negated form also rejects NaN.
        if (!(cx >= -0.5 && cx < _nx - 0.5 && cy >= -0.5 && cy < _ny - 0.5 && cz >= -0.5 && cz < _nz - 0.5)) return;
        cx = Math.Clamp(cx, 0, _nx - 1);
        cy = Math.Clamp(cy, 0, _ny - 1);
        cz = Math.Clamp(cz, 0, _nz - 1);
        int ix = (int)cx, iy = (int)cy, iz = (int)cz;
        double fx = cx - ix, fy = cy - iy, fz = cz - iz;
        var ox = ix < _nx - 1 ? 3 : 0;
        var oy = iy < _ny - 1 ? 3 * _nx : 0;
        var oz = iz < _nz - 1 ? 3 * _nx * _ny : 0;
        var b = 3 * (ix + _nx * (iy + _ny * iz));
        double w000 = (1 - fx) * (1 - fy) * (1 - fz), w100 = fx * (1 - fy) * (1 - fz);
        double w010 = (1 - fx) * fy * (1 - fz), w110 = fx * fy * (1 - fz);
        double w001 = (1 - fx) * (1 - fy) * fz, w101 = fx * (1 - fy) * fz;
        double w011 = (1 - fx) * fy * fz, w111 = fx * fy * fz;
        var v = _vectors;
        for (var c = 0; c < 3; c++)
        {
            var i = b + c;
            var u = w000 * v[i] + w100 * v[i + ox] + w010 * v[i + oy] + w110 * v[i + oy + ox]
                  + w001 * v[i + oz] + w101 * v[i + oz + ox] + w011 * v[i + oz + oy] + w111 * v[i + oz + oy + ox];
            if (c == 0) x += u;
            else if (c == 1) y += u;
            else z += u;
        }
    }
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Resampling;

/// <summary>
/// A chain prepared for one reference grid and one moving grid: reference voxel → (linear) → [field → linear]* →
/// moving continuous voxel index. Runs of linear transforms, the reference grid's affine and the moving grid's inverse
/// are multiplied into single matrices, so a linear chain costs one matrix per row and a field chain one field lookup
/// per field and voxel.
/// </summary>
internal sealed class CompiledChain
{
    private readonly double[] _first;
    private readonly DisplacementFieldTransform[] _fields;
    private readonly double[][] _after;
    private readonly bool _firstFieldOnReferenceGrid;
    private readonly int _nx, _ny;

    public CompiledChain(ImageGrid reference, TransformChain chain, ImageGrid moving)
    {
        var pending = reference.Affine;
        Affine? first = null;
        var fields = new List<DisplacementFieldTransform>();
        var after = new List<Affine>();
        foreach (var step in chain.Composed())
        {
            switch (step)
            {
                case LinearTransform linear:
                    pending = linear.Matrix * pending;
                    break;
                case DisplacementFieldTransform field:
                    if (first is null) first = pending;
                    else after.Add(pending);
                    fields.Add(field);
                    pending = Affine.Identity;
                    break;
                default:
                    throw new InvalidOperationException($"no resampling rule for {step.GetType().Name}");
            }
        }
        var toIndex = moving.Affine.Inverse("moving image") * pending;
        if (first is null) first = toIndex;
        else after.Add(toIndex);
        _first = first.ToArray();
        _fields = [.. fields];
        _after = after.Select(a => a.ToArray()).ToArray();
        (_nx, _ny) = (reference.Nx, reference.Ny);
        // antsRegistration writes its warps on the fixed grid: when the chain starts with such a field, each
        // reference voxel sits on a field voxel and its displacement is read directly (ITK's trilinear weights there
        // are 0 and 1).
        _firstFieldOnReferenceGrid = fields.Count > 0 && first.Equals(reference.Affine) && fields[0].Grid.Shape == reference.Shape
            && fields[0].Grid.Affine.MaxAbsDifference(reference.Affine) <= 1e-9;
    }

    /// <summary>True when the whole map is one affine (no field).</summary>
    public bool IsAffine => _fields.Length == 0;

    /// <summary>Moving continuous indices of the reference voxels (0..n−1, y, z).</summary>
    public void MapRow(int y, int z, Span<double> cx, Span<double> cy, Span<double> cz)
    {
        var m = _first;
        double x0 = m[1] * y + m[2] * z + m[3], y0 = m[5] * y + m[6] * z + m[7], z0 = m[9] * y + m[10] * z + m[11];
        double dx = m[0], dy = m[4], dz = m[8];
        if (_fields.Length == 0)
        {
            for (var x = 0; x < cx.Length; x++)
            {
                cx[x] = x0 + x * dx;
                cy[x] = y0 + x * dy;
                cz[x] = z0 + x * dz;
            }
            return;
        }
        var row = 3 * _nx * (y + _ny * z);
        for (var x = 0; x < cx.Length; x++)
        {
            double px = x0 + x * dx, py = y0 + x * dy, pz = z0 + x * dz;
            for (var f = 0; f < _fields.Length; f++)
            {
                if (f == 0 && _firstFieldOnReferenceGrid)
                {
                    var v = _fields[0].Vectors;
                    px += v[row + 3 * x];
                    py += v[row + 3 * x + 1];
                    pz += v[row + 3 * x + 2];
                }
                else _fields[f].Displace(ref px, ref py, ref pz);
                var a = _after[f];
                var qx = a[0] * px + a[1] * py + a[2] * pz + a[3];
                var qy = a[4] * px + a[5] * py + a[6] * pz + a[7];
                var qz = a[8] * px + a[9] * py + a[10] * pz + a[11];
                (px, py, pz) = (qx, qy, qz);
            }
            cx[x] = px;
            cy[x] = py;
            cz[x] = pz;
        }
    }
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// Turns an ITK transform (type, parameters, fixed parameters — the same triple in .mat, .txt and .h5 files) into a
/// transform in our RAS world, with each class's parameterisation as ITK defines it.
/// </summary>
public static class ItkTransformDecoder
{
    /// <exception cref="InvalidInputException">Wrong parameter counts or values; <paramref name="where"/> names the file
    /// and transform.</exception>
    public static SpatialTransform Decode(ItkTransformName name, double[] parameters, double[] fixedParameters, string where)
    {
        foreach (var v in parameters)
            if (!double.IsFinite(v)) throw new InvalidInputException($"{where}: {name}: Parameters hold a non-finite value");
        foreach (var v in fixedParameters)
            if (!double.IsFinite(v)) throw new InvalidInputException($"{where}: {name}: FixedParameters hold a non-finite value");
        return name.Kind switch
        {
            ItkTransformKind.Affine or ItkTransformKind.MatrixOffsetTransformBase => MatrixOffset(name, parameters, fixedParameters, where),
            ItkTransformKind.Euler3D => Euler(name, parameters, fixedParameters, where),
            ItkTransformKind.VersorRigid3D => Versor(name, parameters, fixedParameters, where, withScale: false),
            ItkTransformKind.Similarity3D => Versor(name, parameters, fixedParameters, where, withScale: true),
            ItkTransformKind.Translation => Translation(name, parameters, where),
            ItkTransformKind.Identity => LinearTransform.Identity,
            ItkTransformKind.DisplacementField => Field(name, parameters, fixedParameters, where),
            _ => throw new InvalidInputException($"{where}: {name} is a container, not a transform"),
        };
    }

    private static LinearTransform MatrixOffset(ItkTransformName name, double[] p, double[] f, string where)
    {
        Count(name, "Parameters", p, 12, where);
        Count(name, "FixedParameters", f, 3, where);
        return Linear(ItkSpace.FromItkMatrixOffset(p.AsSpan(0, 9), p.AsSpan(9, 3), f), name, where);
    }

    /// <summary>Euler3DTransform: angles about x, y, z (radians) and a translation; the rotation is Rz·Rx·Ry, or
    /// Rz·Ry·Rx when the fourth fixed parameter (ComputeZYX) is set.</summary>
    private static LinearTransform Euler(ItkTransformName name, double[] p, double[] f, string where)
    {
        Count(name, "Parameters", p, 6, where);
        if (f.Length is not (3 or 4))
            throw new InvalidInputException($"{where}: {name}: FixedParameters: {f.Length} values; expected the centre (3) and optionally ComputeZYX (4)");
        double cx = Math.Cos(p[0]), sx = Math.Sin(p[0]), cy = Math.Cos(p[1]), sy = Math.Sin(p[1]), cz = Math.Cos(p[2]), sz = Math.Sin(p[2]);
        double[] rx = [1, 0, 0, 0, cx, -sx, 0, sx, cx];
        double[] ry = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
        double[] rz = [cz, -sz, 0, sz, cz, 0, 0, 0, 1];
        var zyx = f.Length == 4 && f[3] != 0;
        var m = zyx ? Multiply(rz, Multiply(ry, rx)) : Multiply(rz, Multiply(rx, ry));
        return Linear(ItkSpace.FromItkMatrixOffset(m, p.AsSpan(3, 3), f.AsSpan(0, 3)), name, where);
    }

    /// <summary>VersorRigid3DTransform (versor vector part, translation) and Similarity3DTransform (… and a scale):
    /// the versor's scalar part is √(1 − |v|²), with |v| pulled just below 1 as ITK does.</summary>
    private static LinearTransform Versor(ItkTransformName name, double[] p, double[] f, string where, bool withScale)
    {
        Count(name, "Parameters", p, withScale ? 7 : 6, where);
        Count(name, "FixedParameters", f, 3, where);
        double x = p[0], y = p[1], z = p[2];
        var norm = Math.Sqrt(x * x + y * y + z * z);
        if (norm >= 1 - 1e-10)
        {
            var d = norm + 1e-10 * norm;
            (x, y, z) = (x / d, y / d, z / d);
        }
        var w = Math.Sqrt(1 - (x * x + y * y + z * z));
        var s = withScale ? p[6] : 1;
        double[] m =
        [
            s * (1 - 2 * (y * y + z * z)), s * 2 * (x * y - z * w), s * 2 * (x * z + y * w),
            s * 2 * (x * y + z * w), s * (1 - 2 * (x * x + z * z)), s * 2 * (y * z - x * w),
            s * 2 * (x * z - y * w), s * 2 * (y * z + x * w), s * (1 - 2 * (x * x + y * y)),
        ];
        return Linear(ItkSpace.FromItkMatrixOffset(m, p.AsSpan(3, 3), f), name, where);
    }

    private static LinearTransform Translation(ItkTransformName name, double[] p, string where)
    {
        Count(name, "Parameters", p, 3, where);
        return new LinearTransform(ItkSpace.FromLps([1, 0, 0, 0, 1, 0, 0, 0, 1], p));
    }

    /// <summary>DisplacementFieldTransform: fixed parameters are the field's size, origin, spacing and direction
    /// (row-major), all LPS; the parameters are the vectors, interleaved per voxel, x fastest.</summary>
    private static DisplacementFieldTransform Field(ItkTransformName name, double[] p, double[] f, string where)
    {
        Count(name, "FixedParameters", f, 18, where);
        var size = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (f[i] < 1 || f[i] != Math.Floor(f[i]) || f[i] > int.MaxValue)
                throw new InvalidInputException($"{where}: {name}: FixedParameters: size[{i}] = {f[i]}; expected a positive whole number");
            size[i] = (int)f[i];
        }
        var voxels = (long)size[0] * size[1] * size[2];
        if (p.LongLength != 3 * voxels)
            throw new InvalidInputException($"{where}: {name}: Parameters: {p.LongLength} values; a {size[0]}×{size[1]}×{size[2]} field of 3-D vectors needs {3 * voxels}");
        var affine = ItkSpace.GridAffine(f.AsSpan(3, 3), f.AsSpan(6, 3), f.AsSpan(9, 9));
        if (!affine.IsInvertible)
            throw new InvalidInputException($"{where}: {name}: FixedParameters: spacing and direction give a singular grid");
        var vectors = new float[p.Length];
        for (var i = 0; i < p.Length; i += 3)
        {
            vectors[i] = (float)-p[i];
            vectors[i + 1] = (float)-p[i + 1];
            vectors[i + 2] = (float)p[i + 2];
        }
        return new DisplacementFieldTransform(new ImageGrid(size[0], size[1], size[2], affine, (f[6], f[7], f[8])), vectors);
    }

    private static LinearTransform Linear(Affine ras, ItkTransformName name, string where) => ras.IsInvertible
        ? new LinearTransform(ras)
        : throw new InvalidInputException($"{where}: {name}: the matrix is singular, so the transform cannot be applied");

    private static void Count(ItkTransformName name, string field, double[] values, int expected, string where)
    {
        if (values.Length != expected)
            throw new InvalidInputException($"{where}: {name}: {field}: {values.Length} values; expected {expected}");
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var m = new double[9];
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++)
                m[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
        return m;
    }
}

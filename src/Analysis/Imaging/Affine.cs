using System.Globalization;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// A 4×4 homogeneous transform (row-major, double) from voxel indices (i, j, k) to world millimetres,
/// as nibabel's <c>img.affine</c>. Immutable.
/// </summary>
public sealed class Affine : IEquatable<Affine>
{
    private readonly double[] _m;

    /// <summary>Builds from 16 row-major values or 12 (the top three rows; the last row is 0 0 0 1).</summary>
    public Affine(ReadOnlySpan<double> values)
    {
        if (values.Length is not (16 or 12))
            throw new ArgumentException($"an affine needs 12 or 16 values, got {values.Length}", nameof(values));
        _m = new double[16];
        values.CopyTo(_m);
        if (values.Length == 12) _m[15] = 1;
    }

    private Affine(double[] m) => _m = m;

    public static Affine Identity { get; } = Scaling(1, 1, 1);

    public static Affine Scaling(double sx, double sy, double sz) =>
        new([sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1]);

    public static Affine Translation(double tx, double ty, double tz) =>
        new([1, 0, 0, tx, 0, 1, 0, ty, 0, 0, 1, tz, 0, 0, 0, 1]);

    /// <summary>From a [4,4] (or [3,4]) array.</summary>
    public static Affine FromArray(double[,] m)
    {
        if (m.GetLength(1) != 4 || m.GetLength(0) is not (3 or 4))
            throw new ArgumentException("an affine array must be 4×4 or 3×4", nameof(m));
        var v = new double[16];
        for (var r = 0; r < m.GetLength(0); r++)
            for (var c = 0; c < 4; c++) v[r * 4 + c] = m[r, c];
        if (m.GetLength(0) == 3) v[15] = 1;
        return new Affine(v);
    }

    public double this[int row, int col] => _m[row * 4 + col];

    /// <summary>Row-major copy of the 16 values.</summary>
    public double[] ToArray() => (double[])_m.Clone();

    /// <summary>[4][4] jagged copy, convenient for JSON.</summary>
    public double[][] ToRows() => Enumerable.Range(0, 4).Select(r => _m.AsSpan(r * 4, 4).ToArray()).ToArray();

    /// <summary>this · other (apply <paramref name="other"/> first).</summary>
    public Affine Multiply(Affine other)
    {
        var o = new double[16];
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++)
            {
                double s = 0;
                for (var k = 0; k < 4; k++) s += _m[r * 4 + k] * other._m[k * 4 + c];
                o[r * 4 + c] = s;
            }
        return new Affine(o);
    }

    public static Affine operator *(Affine a, Affine b) => a.Multiply(b);

    /// <summary>Maps a point (voxel → world for an image affine).</summary>
    public (double X, double Y, double Z) Apply(double x, double y, double z) => (
        _m[0] * x + _m[1] * y + _m[2] * z + _m[3],
        _m[4] * x + _m[5] * y + _m[6] * z + _m[7],
        _m[8] * x + _m[9] * y + _m[10] * z + _m[11]);

    /// <summary>Determinant of the upper-left 3×3 (the voxel-to-world linear part).</summary>
    public double Determinant3 =>
        _m[0] * (_m[5] * _m[10] - _m[6] * _m[9])
        - _m[1] * (_m[4] * _m[10] - _m[6] * _m[8])
        + _m[2] * (_m[4] * _m[9] - _m[5] * _m[8]);

    /// <summary>Length of each voxel axis in world units (column norms of the 3×3), i.e. voxel sizes.</summary>
    public (double X, double Y, double Z) ColumnNorms => (
        Math.Sqrt(_m[0] * _m[0] + _m[4] * _m[4] + _m[8] * _m[8]),
        Math.Sqrt(_m[1] * _m[1] + _m[5] * _m[5] + _m[9] * _m[9]),
        Math.Sqrt(_m[2] * _m[2] + _m[6] * _m[6] + _m[10] * _m[10]));

    /// <summary>True when the affine is a proper 3-D transform whose inverse exists (finite, non-singular).</summary>
    public bool IsInvertible
    {
        get
        {
            foreach (var v in _m) if (!double.IsFinite(v)) return false;
            if (_m[12] != 0 || _m[13] != 0 || _m[14] != 0 || _m[15] != 1) return false;
            var (a, b, c) = ColumnNorms;
            var scale = Math.Max(a, Math.Max(b, c));
            return scale > 0 && Math.Abs(Determinant3) > 1e-12 * scale * scale * scale;
        }
    }

    /// <summary>The inverse; <paramref name="what"/> names the image in the error when there is none.</summary>
    public Affine Inverse(string what = "affine")
    {
        if (!IsInvertible)
            throw new InvalidInputException($"{what}: the affine is not invertible (singular or non-finite): {this}");
        var m = _m;
        var det = Determinant3;
        var inv = new double[16];
        inv[0] = (m[5] * m[10] - m[6] * m[9]) / det;
        inv[1] = (m[2] * m[9] - m[1] * m[10]) / det;
        inv[2] = (m[1] * m[6] - m[2] * m[5]) / det;
        inv[4] = (m[6] * m[8] - m[4] * m[10]) / det;
        inv[5] = (m[0] * m[10] - m[2] * m[8]) / det;
        inv[6] = (m[2] * m[4] - m[0] * m[6]) / det;
        inv[8] = (m[4] * m[9] - m[5] * m[8]) / det;
        inv[9] = (m[1] * m[8] - m[0] * m[9]) / det;
        inv[10] = (m[0] * m[5] - m[1] * m[4]) / det;
        for (var r = 0; r < 3; r++)
            inv[r * 4 + 3] = -(inv[r * 4] * m[3] + inv[r * 4 + 1] * m[7] + inv[r * 4 + 2] * m[11]);
        inv[15] = 1;
        return new Affine(inv);
    }

    /// <summary>Largest absolute element-wise difference to another affine.</summary>
    public double MaxAbsDifference(Affine other)
    {
        double d = 0;
        for (var i = 0; i < 16; i++) d = Math.Max(d, Math.Abs(_m[i] - other._m[i]));
        return d;
    }

    public bool Equals(Affine? other) => other is not null && _m.AsSpan().SequenceEqual(other._m);

    public override bool Equals(object? obj) => obj is Affine a && Equals(a);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in _m) h.Add(v);
        return h.ToHashCode();
    }

    public override string ToString() => "[" + string.Join("; ", Enumerable.Range(0, 4).Select(r =>
        string.Join(", ", _m.AsSpan(r * 4, 4).ToArray().Select(v => v.ToString("G9", CultureInfo.InvariantCulture))))) + "]";
}

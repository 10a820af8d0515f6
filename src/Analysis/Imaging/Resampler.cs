using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Resamples a volume onto another grid. For every output voxel o the input is read at T·o with
/// T = inverse(source affine) · target affine, as scipy's <c>affine_transform</c> (mode "constant"):
/// samples outside the input's extent [0, n−1] take the fill value. Parallel over output slices.
/// </summary>
public static class Resampler
{
    /// <summary>Coordinates this close to a voxel centre are treated as on it, so grid-aligned transforms are exact.</summary>
    private const double Snap = 1e-9;

    /// <summary>Resamples onto <paramref name="reference"/>'s grid (its shape and affine); frames are kept.</summary>
    public static Volume ResampleLike(Volume source, Volume reference, Interpolation interpolation = Interpolation.Linear, float fill = 0) =>
        Resample(source, [reference.Nx, reference.Ny, reference.Nz], reference.Affine, interpolation, fill);

    /// <summary>Resamples onto a grid of the given spatial shape and affine; frames are kept.</summary>
    public static Volume Resample(Volume source, IReadOnlyList<int> targetShape, Affine targetAffine,
        Interpolation interpolation = Interpolation.Linear, float fill = 0)
    {
        if (targetShape.Count != 3 || targetShape.Any(d => d < 1))
            throw new InvalidInputException($"resample: target shape [{string.Join(", ", targetShape)}] must be three positive sizes");
        if (!source.Affine.IsInvertible)
            throw new InvalidInputException($"resample: the source image's affine is not invertible: {source.Affine}");
        if (!targetAffine.IsInvertible)
            throw new InvalidInputException($"resample: the target grid's affine is not invertible: {targetAffine}");
        var voxelMap = source.Affine.Inverse("resample source") * targetAffine;
        var frames = source.Frames;
        int[] shape = source.Rank > 3 ? [targetShape[0], targetShape[1], targetShape[2], .. source.Shape.Skip(3)] : [.. targetShape];
        var (zx, zy, zz) = targetAffine.ColumnNorms;
        double[] zooms = [zx, zy, zz, .. source.Zooms.Skip(3)];
        var type = interpolation == Interpolation.Nearest ? source.DataType : source.DataType.IsInteger() ? VoxelType.Float32 : source.DataType;
        var result = new Volume(shape, targetAffine, type, zooms, source.Metadata with { QformCode = 0, SformCode = 0 }, clear: false);
        var inShape = (source.Nx, source.Ny, source.Nz);
        var outShape = (targetShape[0], targetShape[1], targetShape[2]);
        for (var t = 0; t < frames; t++)
            Transform(source.Memory.Slice(t * source.SpatialCount, source.SpatialCount), inShape,
                result.Memory.Slice(t * result.SpatialCount, result.SpatialCount), outShape, voxelMap, interpolation, fill);
        return result;
    }

    /// <summary>
    /// The core: output[o] = input[T·o] for voxel-index transform <paramref name="voxelMap"/> (output index →
    /// input index), e.g. scipy's <c>affine_transform(input, R, offset)</c> is T = [R | offset].
    /// </summary>
    public static void Transform(ReadOnlyMemory<float> input, (int X, int Y, int Z) inShape, Memory<float> output,
        (int X, int Y, int Z) outShape, Affine voxelMap, Interpolation interpolation, float fill = 0)
    {
        if (input.Length != (long)inShape.X * inShape.Y * inShape.Z)
            throw new ArgumentException("input length does not match its shape", nameof(input));
        if (output.Length != (long)outShape.X * outShape.Y * outShape.Z)
            throw new ArgumentException("output length does not match its shape", nameof(output));
        foreach (var v in voxelMap.ToArray())
            if (!double.IsFinite(v)) throw new InvalidInputException($"resample: the voxel transform has a non-finite entry: {voxelMap}");
        var t = SnapToIntegers(voxelMap);
        Parallel.For(0, outShape.Z, z =>
        {
            var src = input.Span;
            var dst = output.Span;
            for (var y = 0; y < outShape.Y; y++)
            {
                var row = dst.Slice(outShape.X * (y + outShape.Y * z), outShape.X);
                var (px, py, pz) = t.Apply(0, y, z);
                if (interpolation == Interpolation.Linear)
                    LinearRow(src, inShape, row, px, py, pz, t[0, 0], t[1, 0], t[2, 0], fill);
                else
                    NearestRow(src, inShape, row, px, py, pz, t[0, 0], t[1, 0], t[2, 0], fill);
            }
        });
    }

    private static void LinearRow(ReadOnlySpan<float> src, (int X, int Y, int Z) n, Span<float> row,
        double px, double py, double pz, double dx, double dy, double dz, float fill)
    {
        int nx = n.X, ny = n.Y, nz = n.Z;
        var sy = nx;
        var sz = nx * ny;
        double maxX = nx - 1, maxY = ny - 1, maxZ = nz - 1;
        // Offsets to the upper neighbour along each axis (none along an axis of length 1).
        var ox = nx > 1 ? 1 : 0;
        var oy = ny > 1 ? sy : 0;
        var oz = nz > 1 ? sz : 0;
        int lastX = Math.Max(nx - 2, 0), lastY = Math.Max(ny - 2, 0), lastZ = Math.Max(nz - 2, 0);
        // Every tap index below is inside [0, src.Length): the cell is clamped into the grid and the coordinate
        // checked against it, so the loop reads through a ref without bounds checks.
        ref var s0 = ref MemoryMarshal.GetReference(src);
        for (var x = 0; x < row.Length; x++)
        {
            var cx = px + x * dx;
            var cy = py + x * dy;
            var cz = pz + x * dz;
            if (cx < -Snap || cy < -Snap || cz < -Snap || cx > maxX + Snap || cy > maxY + Snap || cz > maxZ + Snap)
            {
                row[x] = fill;
                continue;
            }
            // Clamp into the cell [i, i+1] that holds the point; the last index uses weight 1 on itself.
            var ix = Math.Min((int)Math.Max(cx, 0), lastX);
            var iy = Math.Min((int)Math.Max(cy, 0), lastY);
            var iz = Math.Min((int)Math.Max(cz, 0), lastZ);
            var fx = (float)Math.Clamp(cx - ix, 0, 1);
            var fy = (float)Math.Clamp(cy - iy, 0, 1);
            var fz = (float)Math.Clamp(cz - iz, 0, 1);
            ref var p = ref Unsafe.Add(ref s0, ix + sy * iy + sz * iz);
            var c00 = Lerp(p, Unsafe.Add(ref p, ox), fx);
            var c10 = Lerp(Unsafe.Add(ref p, oy), Unsafe.Add(ref p, oy + ox), fx);
            var c01 = Lerp(Unsafe.Add(ref p, oz), Unsafe.Add(ref p, oz + ox), fx);
            var c11 = Lerp(Unsafe.Add(ref p, oz + oy), Unsafe.Add(ref p, oz + oy + ox), fx);
            row[x] = Lerp(Lerp(c00, c10, fy), Lerp(c01, c11, fy), fz);
        }
    }

    /// <summary>a + f·(b − a): exactly a or b when f is 0 or 1, so on-grid samples copy the input.</summary>
    private static float Lerp(float a, float b, float f) => f == 0 ? a : f == 1 ? b : a + f * (b - a);

    private static void NearestRow(ReadOnlySpan<float> src, (int X, int Y, int Z) n, Span<float> row,
        double px, double py, double pz, double dx, double dy, double dz, float fill)
    {
        int nx = n.X, ny = n.Y, nz = n.Z;
        double maxX = nx - 1, maxY = ny - 1, maxZ = nz - 1;
        for (var x = 0; x < row.Length; x++)
        {
            var cx = px + x * dx;
            var cy = py + x * dy;
            var cz = pz + x * dz;
            if (cx < -Snap || cy < -Snap || cz < -Snap || cx > maxX + Snap || cy > maxY + Snap || cz > maxZ + Snap)
            {
                row[x] = fill;
                continue;
            }
            var ix = Math.Clamp((int)Math.Floor(cx + 0.5), 0, nx - 1);
            var iy = Math.Clamp((int)Math.Floor(cy + 0.5), 0, ny - 1);
            var iz = Math.Clamp((int)Math.Floor(cz + 0.5), 0, nz - 1);
            row[x] = src[ix + nx * (iy + ny * iz)];
        }
    }

    /// <summary>Rounds entries within 1e-9 of an integer: inverse·affine products carry rounding noise that would
    /// otherwise turn an identity or integer shift into an interpolation.</summary>
    private static Affine SnapToIntegers(Affine m)
    {
        var v = m.ToArray();
        for (var i = 0; i < v.Length; i++)
        {
            var r = Math.Round(v[i]);
            if (Math.Abs(v[i] - r) < Snap) v[i] = r;
        }
        return new Affine(v);
    }
}

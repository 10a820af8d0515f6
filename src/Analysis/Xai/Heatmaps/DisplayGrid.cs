using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>
/// A volume's voxels read in display order without copying them: display axis 0 runs towards the subject's right,
/// 1 towards anterior, 2 towards superior (RAS), each along the voxel axis that follows that world axis most
/// (nibabel's <c>io_orientation</c>, as <see cref="Orientation"/> computes it). Slicing along display axes is the
/// exact axis permutation and flip of a reorientation, so no voxel is interpolated.
/// </summary>
public sealed class DisplayGrid
{
    private readonly int[] _voxelAxis = new int[3];
    private readonly bool[] _flip = new bool[3];
    private readonly int[] _extent = new int[3];
    private readonly long[] _stride = new long[3];
    private readonly double[] _zoom = new double[3];
    private readonly Affine _affine;
    private readonly int[] _shape;

    /// <param name="what">Names the image in an error (e.g. its file or role).</param>
    /// <exception cref="InvalidInputException">The affine does not determine an orientation.</exception>
    public DisplayGrid(Volume volume, string what)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var axes = Orientation.FromAffine(volume.Affine);
        if (axes.Any(a => !a.IsDetermined))
            throw new InvalidInputException($"{what}: cannot tell left/right, anterior/posterior and superior/inferior from its affine {volume.Affine}; a heatmap needs an oriented image.");
        _affine = volume.Affine;
        _shape = [volume.Nx, volume.Ny, volume.Nz];
        long[] voxelStride = [1, volume.Nx, (long)volume.Nx * volume.Ny];
        for (var voxel = 0; voxel < 3; voxel++)
        {
            var display = axes[voxel].WorldAxis;
            _voxelAxis[display] = voxel;
            _flip[display] = axes[voxel].Sign < 0;
            _extent[display] = _shape[voxel];
            _stride[display] = voxelStride[voxel];
            _zoom[display] = volume.Zooms[voxel];
        }
        VoxelCount = volume.SpatialCount;
    }

    /// <summary>Voxels in one frame of the volume: overlays on this grid must have exactly this many.</summary>
    public int VoxelCount { get; }

    /// <summary>Voxels along display axis <paramref name="axis"/> (0 = R, 1 = A, 2 = S).</summary>
    public int Extent(int axis) => _extent[axis];

    /// <summary>Voxel size in mm along display axis <paramref name="axis"/>.</summary>
    public double Zoom(int axis) => _zoom[axis];

    /// <summary>The flat (x-fastest) voxel index of display position (r, a, s).</summary>
    public int Index(int r, int a, int s) => (int)(Offset(0, r) + Offset(1, a) + Offset(2, s));

    private long Offset(int axis, int position) => (_flip[axis] ? _extent[axis] - 1 - position : position) * _stride[axis];

    /// <summary>
    /// The world coordinate (mm, RAS) along <paramref name="axis"/> of the slice at display position
    /// <paramref name="position"/>, taken at the volume's centre on the other two axes.
    /// </summary>
    public double WorldCoordinate(int axis, int position)
    {
        Span<double> voxel = [(_shape[0] - 1) / 2.0, (_shape[1] - 1) / 2.0, (_shape[2] - 1) / 2.0];
        voxel[_voxelAxis[axis]] = _flip[axis] ? _extent[axis] - 1 - position : position;
        var (x, y, z) = _affine.Apply(voxel[0], voxel[1], voxel[2]);
        return axis switch { 0 => x, 1 => y, _ => z };
    }

    /// <summary>
    /// The display-order box of the voxels above <paramref name="threshold"/> (inclusive bounds), or the whole grid when
    /// none is: where the slices of a mosaic are placed.
    /// </summary>
    public DisplayBox BoundingBox(ReadOnlySpan<float> values, float threshold)
    {
        if (values.Length < VoxelCount)
            throw new ArgumentException($"the image has {values.Length} voxels; the grid needs {VoxelCount}", nameof(values));
        int[] low = [int.MaxValue, int.MaxValue, int.MaxValue];
        int[] high = [-1, -1, -1];
        for (var z = 0; z < _shape[2]; z++)
        for (var y = 0; y < _shape[1]; y++)
        {
            var row = values.Slice((int)(_shape[0] * ((long)y + (long)_shape[1] * z)), _shape[0]);
            int first = -1, last = -1;
            for (var x = 0; x < row.Length; x++)
            {
                if (!(row[x] > threshold)) continue;
                if (first < 0) first = x;
                last = x;
            }
            if (first < 0) continue;
            Span<int> lo = [first, y, z];
            Span<int> hi = [last, y, z];
            for (var display = 0; display < 3; display++)
            {
                var voxel = _voxelAxis[display];
                // A flipped axis maps the voxel range [lo, hi] to display positions [n-1-hi, n-1-lo].
                var a = _flip[display] ? _extent[display] - 1 - hi[voxel] : lo[voxel];
                var b = _flip[display] ? _extent[display] - 1 - lo[voxel] : hi[voxel];
                low[display] = Math.Min(low[display], a);
                high[display] = Math.Max(high[display], b);
            }
        }
        return high[0] < 0
            ? new DisplayBox(0, _extent[0] - 1, 0, _extent[1] - 1, 0, _extent[2] - 1)
            : new DisplayBox(low[0], high[0], low[1], high[1], low[2], high[2]);
    }
}

/// <summary>Inclusive display-order voxel bounds along R, A and S.</summary>
public readonly record struct DisplayBox(int R0, int R1, int A0, int A1, int S0, int S1)
{
    public int Low(int axis) => axis switch { 0 => R0, 1 => A0, _ => S0 };

    public int High(int axis) => axis switch { 0 => R1, 1 => A1, _ => S1 };
}

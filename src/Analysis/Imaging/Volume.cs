
namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// An image: shape (3-D to 7-D), voxel sizes, a voxel-to-world affine and float32 voxels in x-fastest
/// (Fortran, NIfTI) order held in a pooled buffer; index = x + nx·(y + ny·(z + nz·t)).
/// <see cref="DataType"/> is the on-disk type, used when writing (e.g. label volumes stay int32/uint8).
/// Dispose returns the buffer to the pool; the volume must not be used afterwards.
/// </summary>
public sealed class Volume : IDisposable
{
    private readonly int[] _shape;
    private readonly double[] _zooms;
    private float[]? _buffer;

    /// <summary>A zero-filled volume.</summary>
    public Volume(ReadOnlySpan<int> shape, Affine affine, VoxelType dataType = VoxelType.Float32,
        ReadOnlySpan<double> zooms = default, VolumeMetadata? metadata = null)
        : this(shape, affine, dataType, zooms, metadata, clear: true)
    {
    }

    internal Volume(ReadOnlySpan<int> shape, Affine affine, VoxelType dataType, ReadOnlySpan<double> zooms,
        VolumeMetadata? metadata, bool clear)
    {
        VoxelCount = CheckedCount(shape);
        _shape = shape.ToArray();
        _zooms = new double[shape.Length];
        if (zooms.Length == shape.Length) zooms.CopyTo(_zooms);
        else
        {
            var (zx, zy, zz) = affine.ColumnNorms;
            _zooms[0] = zx; _zooms[1] = zy; _zooms[2] = zz;
            for (var i = 3; i < _zooms.Length; i++) _zooms[i] = i < zooms.Length ? zooms[i] : 1;
        }
        Affine = affine;
        DataType = dataType;
        Metadata = metadata ?? new VolumeMetadata();
        _buffer = LargeBuffers.Floats.Rent(Math.Max(1, VoxelCount));
        if (clear) _buffer.AsSpan(0, VoxelCount).Clear();
    }

    /// <summary>A volume holding a copy of <paramref name="data"/> (x-fastest order).</summary>
    public static Volume FromData(ReadOnlySpan<float> data, ReadOnlySpan<int> shape, Affine affine,
        VoxelType dataType = VoxelType.Float32, ReadOnlySpan<double> zooms = default)
    {
        var v = new Volume(shape, affine, dataType, zooms, null, clear: false);
        if (data.Length != v.VoxelCount)
            throw new ArgumentException($"data has {data.Length} values, shape needs {v.VoxelCount}", nameof(data));
        data.CopyTo(v.Data);
        return v;
    }

    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Voxel sizes per axis (mm for the first three; the file's value for time and beyond).</summary>
    public IReadOnlyList<double> Zooms => _zooms;

    public int Rank => _shape.Length;
    public int Nx => _shape[0];
    public int Ny => _shape[1];
    public int Nz => _shape[2];

    /// <summary>Number of 3-D frames (product of the dimensions beyond the third).</summary>
    public int Frames => VoxelCount / SpatialCount;

    /// <summary>Voxels per 3-D frame.</summary>
    public int SpatialCount => _shape[0] * _shape[1] * _shape[2];

    public int VoxelCount { get; }

    public Affine Affine { get; set; }

    /// <summary>The on-disk voxel type: what the file held, and what <see cref="VolumeFile.Write"/> writes by default.</summary>
    public VoxelType DataType { get; set; }

    public VolumeMetadata Metadata { get; set; }

    /// <summary>All voxels, x fastest.</summary>
    public Span<float> Data => Buffer.AsSpan(0, VoxelCount);

    /// <summary>All voxels as memory (for async or parallel consumers).</summary>
    public Memory<float> Memory => Buffer.AsMemory(0, VoxelCount);

    /// <summary>One 3-D frame of a 4-D+ volume.</summary>
    public Span<float> Frame(int t) => Buffer.AsSpan(checked(t * SpatialCount), SpatialCount);

    public int Index(int x, int y, int z) => x + _shape[0] * (y + _shape[1] * z);

    public float this[int x, int y, int z]
    {
        get => Buffer[Index(x, y, z)];
        set => Buffer[Index(x, y, z)] = value;
    }

    public float this[int x, int y, int z, int t]
    {
        get => Buffer[Index(x, y, z) + t * SpatialCount];
        set => Buffer[Index(x, y, z) + t * SpatialCount] = value;
    }

    /// <summary>The spatial shape (first three dimensions).</summary>
    public (int X, int Y, int Z) Shape3 => (_shape[0], _shape[1], _shape[2]);

    /// <summary>A deep copy (own buffer).</summary>
    public Volume Clone()
    {
        var v = new Volume(_shape, Affine, DataType, _zooms, Metadata, clear: false);
        Data.CopyTo(v.Data);
        return v;
    }

    /// <summary>A zero volume on the same grid (shape, zooms, affine), optionally another type or frame count.</summary>
    public Volume CreateLike(VoxelType? dataType = null, int? frames = null)
    {
        int[] shape = frames is { } f ? (f == 1 ? [Nx, Ny, Nz] : [Nx, Ny, Nz, f]) : _shape;
        double[] zooms = frames is { } g ? (g == 1 ? _zooms[..3] : [.. _zooms[..3], _zooms.Length > 3 ? _zooms[3] : 1]) : _zooms;
        return new Volume(shape, Affine, dataType ?? DataType, zooms, Metadata);
    }

    /// <summary>Sets one voxel size (readers fill the time zoom after the data).</summary>
    internal void SetZoom(int axis, double value) => _zooms[axis] = value;

    public void Dispose()
    {
        var b = Interlocked.Exchange(ref _buffer, null);
        if (b is not null) LargeBuffers.Floats.Return(b);
    }

    private float[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Volume));

    private static int CheckedCount(ReadOnlySpan<int> shape)
    {
        if (shape.Length is < 3 or > 7)
            throw new ArgumentException($"a volume has 3 to 7 dimensions, got {shape.Length}", nameof(shape));
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 1) throw new ArgumentException($"every dimension must be at least 1, got [{string.Join(", ", shape.ToArray())}]", nameof(shape));
            n *= d;
            if (n > Array.MaxLength)
                throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] exceeds the largest buffer ({Array.MaxLength} voxels)", nameof(shape));
        }
        return (int)n;
    }
}

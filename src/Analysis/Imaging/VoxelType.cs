namespace RelevanceRelated.Analysis.Imaging;

/// <summary>On-disk voxel data types. Voxels are held as float32 in memory; this is what a file stores.</summary>
public enum VoxelType
{
    UInt8,
    Int8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
}

/// <summary>Sizes, names and format codes of <see cref="VoxelType"/>.</summary>
public static class VoxelTypes
{
    public static int Size(this VoxelType type) => type switch
    {
        VoxelType.UInt8 or VoxelType.Int8 => 1,
        VoxelType.Int16 or VoxelType.UInt16 => 2,
        VoxelType.Int32 or VoxelType.UInt32 or VoxelType.Float32 => 4,
        _ => 8,
    };

    public static bool IsInteger(this VoxelType type) => type is not (VoxelType.Float32 or VoxelType.Float64);

    /// <summary>numpy-style name (uint8, int16, float32, ...), as the CLI and JSON use.</summary>
    public static string Name(this VoxelType type) => type.ToString().ToLowerInvariant();

    /// <summary>Parses a numpy-style name such as "uint8" or "float32".</summary>
    public static VoxelType Parse(string name, string what = "dtype")
    {
        foreach (var t in Enum.GetValues<VoxelType>())
            if (string.Equals(t.Name(), name, StringComparison.OrdinalIgnoreCase)) return t;
        throw new InvalidInputException(
            $"{what}: '{name}' is not a voxel type; expected one of {string.Join(", ", Enum.GetValues<VoxelType>().Select(t => t.Name()))}");
    }

    /// <summary>The smallest and largest value the type holds, for clamping on write.</summary>
    public static (double Min, double Max) Range(this VoxelType type) => type switch
    {
        VoxelType.UInt8 => (byte.MinValue, byte.MaxValue),
        VoxelType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        VoxelType.Int16 => (short.MinValue, short.MaxValue),
        VoxelType.UInt16 => (ushort.MinValue, ushort.MaxValue),
        VoxelType.Int32 => (int.MinValue, int.MaxValue),
        VoxelType.UInt32 => (uint.MinValue, uint.MaxValue),
        VoxelType.Int64 => (long.MinValue, long.MaxValue),
        VoxelType.UInt64 => (ulong.MinValue, ulong.MaxValue),
        VoxelType.Float32 => (float.MinValue, float.MaxValue),
        _ => (double.MinValue, double.MaxValue),
    };

    internal static int NiftiCode(this VoxelType type) => type switch
    {
        VoxelType.UInt8 => 2,
        VoxelType.Int16 => 4,
        VoxelType.Int32 => 8,
        VoxelType.Float32 => 16,
        VoxelType.Float64 => 64,
        VoxelType.Int8 => 256,
        VoxelType.UInt16 => 512,
        VoxelType.UInt32 => 768,
        VoxelType.Int64 => 1024,
        _ => 1280,
    };

    internal static VoxelType? FromNiftiCode(int code) => code switch
    {
        2 => VoxelType.UInt8,
        4 => VoxelType.Int16,
        8 => VoxelType.Int32,
        16 => VoxelType.Float32,
        64 => VoxelType.Float64,
        256 => VoxelType.Int8,
        512 => VoxelType.UInt16,
        768 => VoxelType.UInt32,
        1024 => VoxelType.Int64,
        1280 => VoxelType.UInt64,
        _ => null,
    };

    internal static string NiftiCodeName(int code) => code switch
    {
        0 => "unknown",
        1 => "binary",
        32 => "complex64",
        128 => "rgb24",
        1536 => "float128",
        1792 => "complex128",
        2048 => "complex256",
        2304 => "rgba32",
        _ => "an undefined code",
    };

    internal static int? MghCode(this VoxelType type) => type switch
    {
        VoxelType.UInt8 => 0,
        VoxelType.Int32 => 1,
        VoxelType.Float32 => 3,
        VoxelType.Int16 => 4,
        _ => null,
    };

    internal static VoxelType? FromMghCode(int code) => code switch
    {
        0 => VoxelType.UInt8,
        1 => VoxelType.Int32,
        3 => VoxelType.Float32,
        4 => VoxelType.Int16,
        _ => null,
    };
}

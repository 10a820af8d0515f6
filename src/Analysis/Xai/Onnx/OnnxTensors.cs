using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>Conversions between ONNX <see cref="TensorProto"/> initialisers and plain arrays.</summary>
public static class OnnxTensors
{
    /// <summary>A float32 initialiser with the given name and dimensions (stored as raw little-endian bytes).</summary>
    public static TensorProto Float(string name, float[] values, params long[] dims)
    {
        if (dims.Aggregate(1L, (a, d) => a * d) != values.Length)
            throw new ArgumentException($"Tensor '{name}': {values.Length} values do not fill dims [{string.Join(",", dims)}].");
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return t;
    }

    /// <summary>An int64 initialiser (shapes, axes, indices).</summary>
    public static TensorProto Int64(string name, long[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return t;
    }

    /// <summary>The values of a float32 (or float64/float16) initialiser as float32.</summary>
    public static float[] ToFloats(TensorProto t)
    {
        var count = checked((int)t.Dims.Aggregate(1L, (a, d) => a * d));
        switch ((TensorProto.Types.DataType)t.DataType)
        {
            case TensorProto.Types.DataType.Float:
                if (!t.RawData.IsEmpty) return MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
                return t.FloatData.ToArray();
            case TensorProto.Types.DataType.Double:
                if (!t.RawData.IsEmpty) return MemoryMarshal.Cast<byte, double>(t.RawData.Span).ToArray().Select(v => (float)v).ToArray();
                return t.DoubleData.Select(v => (float)v).ToArray();
            case TensorProto.Types.DataType.Float16:
                if (!t.RawData.IsEmpty) return MemoryMarshal.Cast<byte, Half>(t.RawData.Span).ToArray().Select(v => (float)v).ToArray();
                return t.Int32Data.Take(count).Select(v => (float)BitConverter.UInt16BitsToHalf((ushort)v)).ToArray();
            default:
                throw new InvalidInputException(
                    $"Initializer '{t.Name}': element type {(TensorProto.Types.DataType)t.DataType} where a floating-point tensor was expected.");
        }
    }

    /// <summary>The values of an integer initialiser (int64 or int32) as int64.</summary>
    public static long[] ToInt64s(TensorProto t)
    {
        switch ((TensorProto.Types.DataType)t.DataType)
        {
            case TensorProto.Types.DataType.Int64:
                return !t.RawData.IsEmpty ? MemoryMarshal.Cast<byte, long>(t.RawData.Span).ToArray() : t.Int64Data.ToArray();
            case TensorProto.Types.DataType.Int32:
                return !t.RawData.IsEmpty
                    ? MemoryMarshal.Cast<byte, int>(t.RawData.Span).ToArray().Select(v => (long)v).ToArray()
                    : t.Int32Data.Select(v => (long)v).ToArray();
            default:
                throw new InvalidInputException(
                    $"Initializer '{t.Name}': element type {(TensorProto.Types.DataType)t.DataType} where an integer tensor was expected.");
        }
    }

    /// <summary>The dimensions of an initialiser.</summary>
    public static int[] Dims(TensorProto t) => t.Dims.Select(d => checked((int)d)).ToArray();
}

using System.Buffers.Binary;
using System.Text;

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// MATLAB level-4 files as vnl (and so ITK) reads and writes them: a sequence of variables, each a 20-byte header
/// (type, rows, cols, imaginary flag, name length as int32), the name with its terminating zero, then the real part
/// column-major. type = 1000·M + 100·O + 10·P + T: M byte order (0 little, 1 big endian), P precision (0 double,
/// 1 single), T 0 for a full numeric matrix.
/// </summary>
public static class MatlabV4File
{
    /// <summary>One variable: its name, shape, values (column-major, converted to double) and stored precision.</summary>
    public sealed record Variable(string Name, int Rows, int Cols, double[] Values, bool Single);

    private const int HeaderBytes = 20;
    private const int MaxNameLength = 4096;

    /// <exception cref="InvalidInputException">The bytes are not MATLAB v4 variables; the message names the file,
    /// the variable and the field.</exception>
    public static IReadOnlyList<Variable> Read(ReadOnlySpan<byte> bytes, string file)
    {
        var variables = new List<Variable>();
        var pos = 0;
        while (pos < bytes.Length)
        {
            var where = $"{Path.GetFileName(file)}: variable {variables.Count + 1} (byte {pos})";
            if (bytes.Length - pos < HeaderBytes)
                throw new InvalidInputException($"{where}: the file ends inside a MATLAB v4 header ({bytes.Length - pos} of {HeaderBytes} bytes; truncated)");
            var header = bytes.Slice(pos, HeaderBytes);
            var little = BinaryPrimitives.ReadInt32LittleEndian(header);
            var big = BinaryPrimitives.ReadInt32BigEndian(header);
            bool bigEndian;
            int type;
            if (little is >= 0 and < 1000) (bigEndian, type) = (false, little);
            else if (big is >= 1000 and < 2000) (bigEndian, type) = (true, big - 1000);
            else throw new InvalidInputException($"{where}: type: {little} is not a MATLAB v4 type code (expected 0..999 little-endian or 1000..1999 big-endian); not an ITK/ANTs .mat transform");
            var rows = Int32(header[4..], bigEndian);
            var cols = Int32(header[8..], bigEndian);
            var imag = Int32(header[12..], bigEndian);
            var nameLength = Int32(header[16..], bigEndian);
            var precision = type / 10 % 10;
            if (type % 10 != 0 || precision > 1)
                throw new InvalidInputException($"{where}: type: {type}; expected a full numeric matrix of doubles (0) or singles (10)");
            if (imag != 0)
                throw new InvalidInputException($"{where}: imagf: {imag}; transform parameters are real (0)");
            if (rows < 0 || cols < 0 || (long)rows * cols > int.MaxValue / 8)
                throw new InvalidInputException($"{where}: mrows/ncols: {rows}×{cols} is not a valid matrix size");
            if (nameLength is < 1 or > MaxNameLength)
                throw new InvalidInputException($"{where}: namlen: {nameLength}; expected 1 to {MaxNameLength} (the name and its terminating zero)");
            pos += HeaderBytes;
            if (bytes.Length - pos < nameLength)
                throw new InvalidInputException($"{where}: the file ends inside the variable's name (truncated)");
            var name = Encoding.ASCII.GetString(bytes.Slice(pos, nameLength)).TrimEnd('\0');
            pos += nameLength;
            var size = precision == 0 ? 8 : 4;
            var count = rows * cols;
            if (bytes.Length - pos < (long)count * size)
                throw new InvalidInputException($"{Path.GetFileName(file)}: variable '{name}': the file ends inside its {count} values ({bytes.Length - pos} of {count * size} bytes; truncated)");
            var values = new double[count];
            for (var i = 0; i < count; i++)
            {
                var b = bytes.Slice(pos + i * size, size);
                values[i] = (precision, bigEndian) switch
                {
                    (0, false) => BinaryPrimitives.ReadDoubleLittleEndian(b),
                    (0, true) => BinaryPrimitives.ReadDoubleBigEndian(b),
                    (_, false) => BinaryPrimitives.ReadSingleLittleEndian(b),
                    _ => BinaryPrimitives.ReadSingleBigEndian(b),
                };
            }
            pos += count * size;
            variables.Add(new Variable(name, rows, cols, values, precision == 1));
        }
        return variables;
    }

    /// <summary>Writes column vectors as vnl_matlab_write does (little-endian, double precision).</summary>
    public static byte[] Write(IReadOnlyList<(string Name, double[] Values)> variables)
    {
        using var s = new MemoryStream();
        Span<byte> header = stackalloc byte[HeaderBytes];
        Span<byte> value = stackalloc byte[8];
        foreach (var (name, values) in variables)
        {
            var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
            BinaryPrimitives.WriteInt32LittleEndian(header, 0);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], values.Length);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], 1);
            BinaryPrimitives.WriteInt32LittleEndian(header[12..], 0);
            BinaryPrimitives.WriteInt32LittleEndian(header[16..], nameBytes.Length);
            s.Write(header);
            s.Write(nameBytes);
            foreach (var v in values)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(value, v);
                s.Write(value);
            }
        }
        return s.ToArray();
    }

    private static int Int32(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b);
}

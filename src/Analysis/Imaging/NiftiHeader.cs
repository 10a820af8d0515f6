using System.Buffers.Binary;
using System.Text;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// The fields of a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header that we read and write, with the
/// byte layouts of both versions. Validation happens in <see cref="NiftiReader"/>.
/// </summary>
internal sealed class NiftiHeader
{
    public const int Nifti1Size = 348;
    public const int Nifti2Size = 540;

    public int Version { get; set; } = 1;
    public bool BigEndian { get; set; }
    /// <summary>True for "n+1"/"n+2" (header and data in one file), false for "ni1"/"ni2" pairs.</summary>
    public bool Single { get; set; } = true;
    public long[] Dim { get; } = new long[8];
    public int Datatype { get; set; }
    public int Bitpix { get; set; }
    public double[] Pixdim { get; } = new double[8];
    public double VoxOffset { get; set; }
    public double SclSlope { get; set; }
    public double SclInter { get; set; }
    public double CalMax { get; set; }
    public double CalMin { get; set; }
    public double SliceDuration { get; set; }
    public double Toffset { get; set; }
    public long SliceStart { get; set; }
    public long SliceEnd { get; set; }
    public int SliceCode { get; set; }
    public int XyztUnits { get; set; }
    public int IntentCode { get; set; }
    public double IntentP1 { get; set; }
    public double IntentP2 { get; set; }
    public double IntentP3 { get; set; }
    public string IntentName { get; set; } = "";
    public int DimInfo { get; set; }
    public string Descrip { get; set; } = "";
    public string AuxFile { get; set; } = "";
    public int QformCode { get; set; }
    public int SformCode { get; set; }
    public double QuaternB { get; set; }
    public double QuaternC { get; set; }
    public double QuaternD { get; set; }
    public double QoffsetX { get; set; }
    public double QoffsetY { get; set; }
    public double QoffsetZ { get; set; }
    /// <summary>srow_x, srow_y, srow_z.</summary>
    public double[] Srow { get; } = new double[12];
    /// <summary>The 4-byte magic as read ("n+1", "ni1", "n+2", "ni2", or junk).</summary>
    public string Magic { get; set; } = "";
    /// <summary>Bytes 4–7 of the NIfTI-2 magic (must be \r\n\x1a\n).</summary>
    public uint Nifti2Eol { get; set; }

    public int Size => Version == 1 ? Nifti1Size : Nifti2Size;

    /// <summary>The version and byte order from sizeof_hdr, or null when these are not NIfTI bytes.</summary>
    public static (int Version, bool BigEndian)? Detect(ReadOnlySpan<byte> first4)
    {
        var le = BinaryPrimitives.ReadInt32LittleEndian(first4);
        var be = BinaryPrimitives.ReadInt32BigEndian(first4);
        if (le == Nifti1Size) return (1, false);
        if (be == Nifti1Size) return (1, true);
        if (le == Nifti2Size) return (2, false);
        if (be == Nifti2Size) return (2, true);
        return null;
    }

    public static NiftiHeader Parse(ReadOnlySpan<byte> b, int version, bool bigEndian)
    {
        var r = new Fields(bigEndian);
        var h = new NiftiHeader { Version = version, BigEndian = bigEndian };
        if (version == 1)
        {
            h.DimInfo = b[39];
            for (var i = 0; i < 8; i++) h.Dim[i] = r.I16(b, 40 + 2 * i);
            h.IntentP1 = r.F32(b, 56); h.IntentP2 = r.F32(b, 60); h.IntentP3 = r.F32(b, 64);
            h.IntentCode = r.I16(b, 68);
            h.Datatype = r.I16(b, 70);
            h.Bitpix = r.I16(b, 72);
            h.SliceStart = r.I16(b, 74);
            for (var i = 0; i < 8; i++) h.Pixdim[i] = r.F32(b, 76 + 4 * i);
            h.VoxOffset = r.F32(b, 108);
            h.SclSlope = r.F32(b, 112);
            h.SclInter = r.F32(b, 116);
            h.SliceEnd = r.I16(b, 120);
            h.SliceCode = b[122];
            h.XyztUnits = b[123];
            h.CalMax = r.F32(b, 124); h.CalMin = r.F32(b, 128);
            h.SliceDuration = r.F32(b, 132); h.Toffset = r.F32(b, 136);
            h.Descrip = Text(b.Slice(148, 80));
            h.AuxFile = Text(b.Slice(228, 24));
            h.QformCode = r.I16(b, 252);
            h.SformCode = r.I16(b, 254);
            h.QuaternB = r.F32(b, 256); h.QuaternC = r.F32(b, 260); h.QuaternD = r.F32(b, 264);
            h.QoffsetX = r.F32(b, 268); h.QoffsetY = r.F32(b, 272); h.QoffsetZ = r.F32(b, 276);
            for (var i = 0; i < 12; i++) h.Srow[i] = r.F32(b, 280 + 4 * i);
            h.IntentName = Text(b.Slice(328, 16));
            h.Magic = Text(b.Slice(344, 4));
        }
        else
        {
            h.Magic = Text(b.Slice(4, 4));
            h.Nifti2Eol = BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(8, 4));
            h.Datatype = r.I16(b, 12);
            h.Bitpix = r.I16(b, 14);
            for (var i = 0; i < 8; i++) h.Dim[i] = r.I64(b, 16 + 8 * i);
            h.IntentP1 = r.F64(b, 80); h.IntentP2 = r.F64(b, 88); h.IntentP3 = r.F64(b, 96);
            for (var i = 0; i < 8; i++) h.Pixdim[i] = r.F64(b, 104 + 8 * i);
            h.VoxOffset = r.I64(b, 168);
            h.SclSlope = r.F64(b, 176); h.SclInter = r.F64(b, 184);
            h.CalMax = r.F64(b, 192); h.CalMin = r.F64(b, 200);
            h.SliceDuration = r.F64(b, 208); h.Toffset = r.F64(b, 216);
            h.SliceStart = r.I64(b, 224); h.SliceEnd = r.I64(b, 232);
            h.Descrip = Text(b.Slice(240, 80));
            h.AuxFile = Text(b.Slice(320, 24));
            h.QformCode = r.I32(b, 344); h.SformCode = r.I32(b, 348);
            h.QuaternB = r.F64(b, 352); h.QuaternC = r.F64(b, 360); h.QuaternD = r.F64(b, 368);
            h.QoffsetX = r.F64(b, 376); h.QoffsetY = r.F64(b, 384); h.QoffsetZ = r.F64(b, 392);
            for (var i = 0; i < 12; i++) h.Srow[i] = r.F64(b, 400 + 8 * i);
            h.SliceCode = r.I32(b, 496); h.XyztUnits = r.I32(b, 500); h.IntentCode = r.I32(b, 504);
            h.IntentName = Text(b.Slice(508, 16));
            h.DimInfo = b[524];
        }
        return h;
    }

    public byte[] Serialize()
    {
        var b = new byte[Size];
        var w = new Fields(BigEndian);
        if (Version == 1)
        {
            w.PutI32(b, 0, Nifti1Size);
            b[38] = (byte)'r';
            b[39] = (byte)DimInfo;
            for (var i = 0; i < 8; i++) w.PutI16(b, 40 + 2 * i, (short)Dim[i]);
            w.PutF32(b, 56, IntentP1); w.PutF32(b, 60, IntentP2); w.PutF32(b, 64, IntentP3);
            w.PutI16(b, 68, (short)IntentCode);
            w.PutI16(b, 70, (short)Datatype);
            w.PutI16(b, 72, (short)Bitpix);
            w.PutI16(b, 74, (short)SliceStart);
            for (var i = 0; i < 8; i++) w.PutF32(b, 76 + 4 * i, Pixdim[i]);
            w.PutF32(b, 108, VoxOffset);
            w.PutF32(b, 112, SclSlope); w.PutF32(b, 116, SclInter);
            w.PutI16(b, 120, (short)SliceEnd);
            b[122] = (byte)SliceCode;
            b[123] = (byte)XyztUnits;
            w.PutF32(b, 124, CalMax); w.PutF32(b, 128, CalMin);
            w.PutF32(b, 132, SliceDuration); w.PutF32(b, 136, Toffset);
            PutText(b.AsSpan(148, 80), Descrip);
            PutText(b.AsSpan(228, 24), AuxFile);
            w.PutI16(b, 252, (short)QformCode); w.PutI16(b, 254, (short)SformCode);
            w.PutF32(b, 256, QuaternB); w.PutF32(b, 260, QuaternC); w.PutF32(b, 264, QuaternD);
            w.PutF32(b, 268, QoffsetX); w.PutF32(b, 272, QoffsetY); w.PutF32(b, 276, QoffsetZ);
            for (var i = 0; i < 12; i++) w.PutF32(b, 280 + 4 * i, Srow[i]);
            PutText(b.AsSpan(328, 16), IntentName);
            PutText(b.AsSpan(344, 4), Single ? "n+1" : "ni1");
        }
        else
        {
            w.PutI32(b, 0, Nifti2Size);
            PutText(b.AsSpan(4, 4), Single ? "n+2" : "ni2");
            b[8] = (byte)'\r'; b[9] = (byte)'\n'; b[10] = 0x1a; b[11] = (byte)'\n';
            w.PutI16(b, 12, (short)Datatype);
            w.PutI16(b, 14, (short)Bitpix);
            for (var i = 0; i < 8; i++) w.PutI64(b, 16 + 8 * i, Dim[i]);
            w.PutF64(b, 80, IntentP1); w.PutF64(b, 88, IntentP2); w.PutF64(b, 96, IntentP3);
            for (var i = 0; i < 8; i++) w.PutF64(b, 104 + 8 * i, Pixdim[i]);
            w.PutI64(b, 168, (long)VoxOffset);
            w.PutF64(b, 176, SclSlope); w.PutF64(b, 184, SclInter);
            w.PutF64(b, 192, CalMax); w.PutF64(b, 200, CalMin);
            w.PutF64(b, 208, SliceDuration); w.PutF64(b, 216, Toffset);
            w.PutI64(b, 224, SliceStart); w.PutI64(b, 232, SliceEnd);
            PutText(b.AsSpan(240, 80), Descrip);
            PutText(b.AsSpan(320, 24), AuxFile);
            w.PutI32(b, 344, QformCode); w.PutI32(b, 348, SformCode);
            w.PutF64(b, 352, QuaternB); w.PutF64(b, 360, QuaternC); w.PutF64(b, 368, QuaternD);
            w.PutF64(b, 376, QoffsetX); w.PutF64(b, 384, QoffsetY); w.PutF64(b, 392, QoffsetZ);
            for (var i = 0; i < 12; i++) w.PutF64(b, 400 + 8 * i, Srow[i]);
            w.PutI32(b, 496, SliceCode); w.PutI32(b, 500, XyztUnits); w.PutI32(b, 504, IntentCode);
            PutText(b.AsSpan(508, 16), IntentName);
            b[524] = (byte)DimInfo;
        }
        return b;
    }

    private static string Text(ReadOnlySpan<byte> b)
    {
        var end = b.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? b : b[..end]);
    }

    private static void PutText(Span<byte> dst, string s)
    {
        var bytes = Encoding.Latin1.GetBytes(s);
        bytes.AsSpan(0, Math.Min(bytes.Length, dst.Length - 1)).CopyTo(dst);
    }

    /// <summary>Endian-aware field access.</summary>
    private readonly struct Fields(bool bigEndian)
    {
        public short I16(ReadOnlySpan<byte> b, int o) => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b[o..]) : BinaryPrimitives.ReadInt16LittleEndian(b[o..]);
        public int I32(ReadOnlySpan<byte> b, int o) => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b[o..]) : BinaryPrimitives.ReadInt32LittleEndian(b[o..]);
        public long I64(ReadOnlySpan<byte> b, int o) => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b[o..]) : BinaryPrimitives.ReadInt64LittleEndian(b[o..]);
        public float F32(ReadOnlySpan<byte> b, int o) => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b[o..]) : BinaryPrimitives.ReadSingleLittleEndian(b[o..]);
        public double F64(ReadOnlySpan<byte> b, int o) => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b[o..]) : BinaryPrimitives.ReadDoubleLittleEndian(b[o..]);

        public void PutI16(Span<byte> b, int o, short v) { if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(b[o..], v); else BinaryPrimitives.WriteInt16LittleEndian(b[o..], v); }
        public void PutI32(Span<byte> b, int o, int v) { if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(b[o..], v); else BinaryPrimitives.WriteInt32LittleEndian(b[o..], v); }
        public void PutI64(Span<byte> b, int o, long v) { if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(b[o..], v); else BinaryPrimitives.WriteInt64LittleEndian(b[o..], v); }
        public void PutF32(Span<byte> b, int o, double v) { if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(b[o..], (float)v); else BinaryPrimitives.WriteSingleLittleEndian(b[o..], (float)v); }
        public void PutF64(Span<byte> b, int o, double v) { if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(b[o..], v); else BinaryPrimitives.WriteDoubleLittleEndian(b[o..], v); }
    }
}

using RelevanceRelated.Analysis.Xai.Onnx;
using Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// The sliding-window attributes shared by Conv, MaxPool and AveragePool (kernel, strides, pads, dilations,
/// auto_pad, ceil_mode), with auto_pad resolved to explicit pads once the input shape is known.
/// </summary>
public sealed class WindowGeometry
{
    public WindowGeometry(int[] kernel, int[]? strides, int[]? pads, int[]? dilations, string autoPad, bool ceilMode)
    {
        Kernel = kernel;
        var n = kernel.Length;
        Strides = strides ?? Enumerable.Repeat(1, n).ToArray();
        Dilations = dilations ?? Enumerable.Repeat(1, n).ToArray();
        Pads = pads ?? new int[2 * n];
        AutoPad = autoPad;
        CeilMode = ceilMode;
    }

    public int[] Kernel { get; }
    public int[] Strides { get; }
    public int[] Dilations { get; }
    /// <summary>Begin pads for every spatial axis, then end pads (ONNX order).</summary>
    public int[] Pads { get; private set; }
    public string AutoPad { get; private set; }
    public bool CeilMode { get; }
    public int Rank => Kernel.Length;

    /// <summary>Reads the window attributes of a node; the kernel comes from the node or (Conv) the weight shape.</summary>
    public static WindowGeometry FromNode(NodeProto node, int[] kernel) => new(
        kernel,
        OnnxAttributes.Ints(node, "strides"),
        OnnxAttributes.Ints(node, "pads"),
        OnnxAttributes.Ints(node, "dilations"),
        OnnxAttributes.String(node, "auto_pad", "NOTSET"),
        OnnxAttributes.Int(node, "ceil_mode", 0) != 0);

    /// <summary>Output spatial sizes for the given input sizes; resolves SAME_* / VALID padding into explicit pads.</summary>
    public int[] Bind(ReadOnlySpan<int> spatial, Func<string, Exception> invalid)
    {
        if (spatial.Length != Rank) throw invalid($"{spatial.Length} spatial axes but a {Rank}-d kernel");
        if (Strides.Length != Rank || Dilations.Length != Rank || Pads.Length != 2 * Rank)
            throw invalid("strides, dilations or pads do not match the kernel rank");
        if (AutoPad is "SAME_UPPER" or "SAME_LOWER" or "VALID")
        {
            var pads = new int[2 * Rank];
            for (var a = 0; a < Rank; a++)
            {
                if (AutoPad == "VALID") continue;
                var outSize = (spatial[a] + Strides[a] - 1) / Strides[a];
                var total = Math.Max((outSize - 1) * Strides[a] + Extent(a) - spatial[a], 0);
                var small = total / 2;
                pads[a] = AutoPad == "SAME_UPPER" ? small : total - small;
                pads[a + Rank] = total - pads[a];
            }
            Pads = pads;
            AutoPad = "NOTSET";
        }
        else if (AutoPad != "NOTSET") throw invalid($"auto_pad '{AutoPad}' is not an ONNX value");
        var output = new int[Rank];
        for (var a = 0; a < Rank; a++)
        {
            var span = spatial[a] + Pads[a] + Pads[a + Rank] - Extent(a);
            if (span < 0) throw invalid($"the window ({Extent(a)}) is larger than the padded input ({spatial[a] + Pads[a] + Pads[a + Rank]}) on spatial axis {a}");
            output[a] = (CeilMode ? (span + Strides[a] - 1) / Strides[a] : span / Strides[a]) + 1;
        }
        return output;
    }

    /// <summary>The window's extent on one axis: (k − 1)·dilation + 1.</summary>
    public int Extent(int axis) => (Kernel[axis] - 1) * Dilations[axis] + 1;

    public bool IsUnitStride => Strides.All(s => s == 1);

    public bool IsUndilated => Dilations.All(d => d == 1);

    /// <summary>kernel_shape, strides, pads, dilations as ONNX attributes.</summary>
    public AttributeProto[] Attributes(bool withDilations = true)
    {
        var list = new List<AttributeProto>
        {
            OnnxAttributes.MakeInts("kernel_shape", Kernel),
            OnnxAttributes.MakeInts("strides", Strides),
            OnnxAttributes.MakeInts("pads", Pads),
        };
        if (withDilations) list.Add(OnnxAttributes.MakeInts("dilations", Dilations));
        if (CeilMode) list.Add(OnnxAttributes.MakeInt("ceil_mode", 1));
        return list.ToArray();
    }

    /// <summary>output_padding that makes a transposed window op reproduce the original input size exactly.</summary>
    public int[] OutputPadding(ReadOnlySpan<int> inputSpatial, ReadOnlySpan<int> outputSpatial)
    {
        var result = new int[Rank];
        for (var a = 0; a < Rank; a++)
            result[a] = inputSpatial[a] - (Strides[a] * (outputSpatial[a] - 1) + Extent(a) - Pads[a] - Pads[a + Rank]);
        return result;
    }
}

using Google.Protobuf;
using Onnx;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Demo;

/// <summary>
/// The demo brain-age base model: MRInet's topology (<see cref="NetworkSpec.MriNet"/>, 98³ at 2 mm) written by the
/// project's <see cref="OnnxModelBuilder"/>, with its convolution weights replaced by designed feature detectors
/// and its dense layers replaced by fitted ones.
/// <para>
/// The convolutions are designed by hand, not learned: the simulated ageing shows as CSF-dark voxels where tissue
/// was (widened sulci, larger ventricles, the temporal horn, more PVS), so block 1 holds three dark-intensity
/// detectors ReLU(t − local mean), three bright-tissue detectors ReLU(local mean − u) and ten centre–surround
/// detectors ReLU(a · mean of the 26 neighbours − centre − t) that fire on a voxel darker than its surroundings
/// (thresholds jittered per seed). They are written in terms of the [0, 1] image x but the network reads the
/// inverted image y = 1 − x (normalisation <c>unit_inverted</c>), so CSF is a large input and input×weight
/// relevance rules can attribute to it. Blocks 2–4 carry each detector forward as a 3³ local average (so, across
/// the max pools, they approximate regional amounts at growing scales) and add seeded random mixtures of
/// channels; block 5 (1³) keeps the detectors and mixes the rest. The 4³ × 32 flattened map is the feature
/// vector the dense part sees. Nothing here looks at ages.
/// </para>
/// <para>
/// The dense part expresses a fitted linear readout z = w·f + b and its calibration g(z) (a piecewise-linear map,
/// <see cref="ReadoutCalibration"/>) exactly: hidden unit 0 is ReLU(z), unit 1 is ReLU(−z), unit 2 + k is
/// ReLU(z − κₖ), the rest are zero, and the output is α + β (h₀ − h₁) + Σₖ cₖ h₂₊ₖ = g(z).
/// </para>
/// </summary>
public static class DemoNetwork
{
    public const int Cube = 98;

    /// <summary>Length of the flattened feature vector (32 channels × 4³).</summary>
    public const int FeatureCount = 32 * 4 * 4 * 4;

    private const int Hidden = 64;

    /// <summary>The network with designed convolutions, the given readout (weights over the features, bias) and its calibration.</summary>
    public static ModelProto Build(int seed, ReadOnlySpan<double> readout, double bias, ReadoutCalibration calibration)
    {
        if (readout.Length != FeatureCount) throw new ArgumentException($"expected {FeatureCount} readout weights, got {readout.Length}");
        if (2 + calibration.Knots.Length > Hidden) throw new ArgumentException($"a calibration with {calibration.Knots.Length} knots needs more than {Hidden} hidden units");
        var model = OnnxModelBuilder.BuildModel(NetworkSpec.MriNet(Cube, seed), ExportStyle.PyTorch);
        var convolutions = ConvolutionWeights(seed);
        var fc1 = new float[Hidden * FeatureCount];
        var fc1Bias = new float[Hidden];
        var fc2 = new float[Hidden];
        var weights = readout.ToArray();
        void Unit(int unit, double sign, double unitBias, double outputWeight)
        {
            for (var j = 0; j < FeatureCount; j++) fc1[unit * FeatureCount + j] = (float)(sign * weights[j]);
            fc1Bias[unit] = (float)unitBias;
            fc2[unit] = (float)outputWeight;
        }
        Unit(0, 1, bias, calibration.Slope);
        Unit(1, -1, -bias, -calibration.Slope);
        for (var k = 0; k < calibration.Knots.Length; k++) Unit(2 + k, 1, bias - calibration.Knots[k], calibration.Bends[k]);
        var replacements = convolutions.Append(fc1).Append(fc1Bias).Append(fc2).Append([(float)calibration.Offset]).ToArray();
        ReplaceFloatInitializers(model, replacements);
        return model;
    }

    /// <summary>The network with an extra graph output: the flattened feature vector ("features", [N, 2048]).</summary>
    public static byte[] FeatureExtractor(int seed)
    {
        var model = Build(seed, new double[FeatureCount], 0, ReadoutCalibration.Identity);
        var flatten = model.Graph.Node.Single(n => n.OpType == "Flatten").Output[0];
        var identity = new NodeProto { OpType = "Identity", Name = "features_identity" };
        identity.Input.Add(flatten);
        identity.Output.Add("features");
        model.Graph.Node.Add(identity);
        model.Graph.Output.Add(new ValueInfoProto
        {
            Name = "features",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
        });
        return model.ToByteArray();
    }

    /// <summary>Number of summary features the readout is fitted on: per channel, the sum over all 4³ cells and over the central 2³.</summary>
    public const int SummaryCount = 2 * Channels;

    private const int Channels = 32;
    private const int Cells = 64;

    /// <summary>
    /// The flattened map summarised per channel: its sum over all 4³ cells (whole-head totals, robust to where
    /// each head sits in the cube) and over the central 2³ cells (around the ventricles). A linear readout over
    /// these is a linear readout over the flattened map with position-tied weights (<see cref="ExpandReadout"/>).
    /// </summary>
    public static float[] Summarise(ReadOnlySpan<float> features)
    {
        var summary = new float[SummaryCount];
        for (var c = 0; c < Channels; c++)
        for (var cell = 0; cell < Cells; cell++)
        {
            var v = features[c * Cells + cell];
            summary[c] += v;
            if (IsCentral(cell)) summary[Channels + c] += v;
        }
        return summary;
    }

    /// <summary>Weights over the flattened map that compute the same readout as <paramref name="summaryWeights"/> over <see cref="Summarise"/>.</summary>
    public static double[] ExpandReadout(ReadOnlySpan<double> summaryWeights)
    {
        var weights = new double[FeatureCount];
        for (var c = 0; c < Channels; c++)
        for (var cell = 0; cell < Cells; cell++)
            weights[c * Cells + cell] = summaryWeights[c] + (IsCentral(cell) ? summaryWeights[Channels + c] : 0);
        return weights;
    }

    private static bool IsCentral(int cell)
    {
        int d = cell / 16, h = cell / 4 % 4, w = cell % 4;
        return d is 1 or 2 && h is 1 or 2 && w is 1 or 2;
    }

    /// <summary>Weights and biases of the five convolution blocks, in the builder's initializer order.</summary>
    internal static IReadOnlyList<float[]> ConvolutionWeights(int seed)
    {
        var random = new Random(unchecked(seed * 7919 + 17));
        var list = new List<float[]>();

        // Block 1: 1 → 16, 3³. Six intensity detectors on the local mean (dark: ReLU(t − mean), bright:
        // ReLU(mean − u)) and ten centre–surround detectors ReLU(a · surround − centre − t): a voxel darker than
        // its 26 neighbours (PVS in white matter, CSF opening between cortical banks, a ventricle's rim); a > 1
        // favours bright surroundings (tissue) over the skull's dark ones.
        var w1 = new float[16 * 27];
        var b1 = new float[16];
        double[] dark = [0.2, 0.3, 0.45], bright = [0.5, 0.7, 0.85];
        // Thresholds clear noise (σ ≈ 0.03) in uniform white matter (x ≈ 0.9, where the response is (a − 1) · 0.9 − t).
        (double A, double T)[] surround = [(1.0, 0.06), (1.0, 0.12), (1.0, 0.2), (1.0, 0.3), (1.25, 0.2), (1.25, 0.3), (1.25, 0.4), (1.5, 0.35), (1.5, 0.5), (1.5, 0.65)];
        for (var o = 0; o < 16; o++)
        {
            var jitter = (random.NextDouble() - 0.5) * 0.04;
            if (o < 6)
            {
                var isDark = o < 3;
                for (var k = 0; k < 27; k++) w1[o * 27 + k] = (isDark ? -1f : 1f) / 27f;
                b1[o] = (float)(isDark ? dark[o] + jitter : -(bright[o - 3] + jitter));
                continue;
            }
            var (a, t) = surround[o - 6];
            for (var k = 0; k < 27; k++) w1[o * 27 + k] = k == 13 ? -1f : (float)(a / 26);
            b1[o] = (float)-(t + jitter);
        }
        // The network reads the inverted input y = 1 − x (normalisation "unit_inverted"):
        // ReLU(w·x + b) = ReLU(−w·y + b + Σw).
        for (var o = 0; o < 16; o++)
        {
            var sum = 0f;
            for (var k = 0; k < 27; k++)
            {
                sum += w1[o * 27 + k];
                w1[o * 27 + k] = -w1[o * 27 + k];
            }
            b1[o] += sum;
        }
        list.Add(w1);
        list.Add(b1);

        // Blocks 2–4 (3³) and 5 (1³): carry each input channel as a local average, the rest seeded mixtures.
        (int In, int Out, int Kernel, int Carried)[] blocks = [(16, 16, 3, 16), (16, 32, 3, 16), (32, 64, 3, 32), (64, 32, 1, 16)];
        foreach (var (inputs, outputs, kernel, carried) in blocks)
        {
            var taps = kernel * kernel * kernel;
            var w = new float[outputs * inputs * taps];
            var b = new float[outputs];
            for (var o = 0; o < outputs; o++)
            {
                if (o < carried)
                {
                    for (var t = 0; t < taps; t++) w[(o * inputs + o) * taps + t] = 1f / taps;
                    continue;
                }
                // A random signed mixture over channels, spatially uniform; centred so it is not always off.
                var mix = OnnxModelBuilder.Normal(random, inputs, 1.0 / Math.Sqrt(inputs));
                for (var i = 0; i < inputs; i++)
                for (var t = 0; t < taps; t++)
                    w[(o * inputs + i) * taps + t] = mix[i] / taps;
                b[o] = 0.02f;
            }
            list.Add(w);
            list.Add(b);
        }
        return list;
    }

    private static void ReplaceFloatInitializers(ModelProto model, IReadOnlyList<float[]> values)
    {
        var initializers = model.Graph.Initializer;
        var next = 0;
        for (var i = 0; i < initializers.Count && next < values.Count; i++)
        {
            var old = initializers[i];
            if (old.DataType != (int)TensorProto.Types.DataType.Float) continue;
            var count = old.Dims.Aggregate(1L, (a, d) => a * d);
            if (count != values[next].Length)
                throw new InvalidOperationException($"initializer {old.Name}: {count} values, replacement has {values[next].Length}");
            initializers[i] = OnnxTensors.Float(old.Name, values[next], [.. old.Dims]);
            next++;
        }
        if (next != values.Count) throw new InvalidOperationException($"replaced {next} of {values.Count} initializers");
    }
}

using Onnx;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// A single linear layer as an explicit float64 matrix (W[i, j] from input i to output j, a connectivity mask and
/// a bias), and every LRP rule written directly from its textbook formula on that matrix (zennit's unit-test
/// strategy): the reference the ONNX-compiled rules are checked against.
/// </summary>
internal sealed class ExplicitRuleReference
{
    public required double[,] W { get; init; }
    public required bool[,] Connected { get; init; }
    public double[]? Bias { get; init; }

    public int Inputs => W.GetLength(0);
    public int Outputs => W.GetLength(1);

    /// <summary>The explicit matrix of a single-Conv model (3-d, [1, C, D, H, W] input) built by OnnxModelBuilder.</summary>
    public static ExplicitRuleReference FromConvolution(byte[] model, int[] inputShape)
    {
        var g = ModelProto.Parser.ParseFrom(model).Graph;
        var node = g.Node.Single(n => n.OpType == "Conv");
        var wt = g.Initializer.Single(t => t.Name == node.Input[1]);
        var w = OnnxTensors.ToFloats(wt);
        var wShape = OnnxTensors.Dims(wt);
        var bias = node.Input.Count > 2 ? OnnxTensors.ToFloats(g.Initializer.Single(t => t.Name == node.Input[2])).Select(v => (double)v).ToArray() : null;
        var k = wShape[2..];
        var s = OnnxAttributes.Ints(node, "strides")!;
        var p = OnnxAttributes.Ints(node, "pads")!;
        int c = inputShape[1], m = wShape[0];
        var inSize = inputShape[2..];
        var outSize = Enumerable.Range(0, 3).Select(a => (inSize[a] + p[a] + p[a + 3] - k[a]) / s[a] + 1).ToArray();
        var inputs = c * inSize[0] * inSize[1] * inSize[2];
        var outputs = m * outSize[0] * outSize[1] * outSize[2];
        var matrix = new double[inputs, outputs];
        var connected = new bool[inputs, outputs];
        for (var om = 0; om < m; om++)
        for (var z = 0; z < outSize[0]; z++)
        for (var y = 0; y < outSize[1]; y++)
        for (var x = 0; x < outSize[2]; x++)
        {
            var j = ((om * outSize[0] + z) * outSize[1] + y) * outSize[2] + x;
            for (var ic = 0; ic < c; ic++)
            for (var kz = 0; kz < k[0]; kz++)
            for (var ky = 0; ky < k[1]; ky++)
            for (var kx = 0; kx < k[2]; kx++)
            {
                int iz = z * s[0] - p[0] + kz, iy = y * s[1] - p[1] + ky, ix = x * s[2] - p[2] + kx;
                if (iz < 0 || iy < 0 || ix < 0 || iz >= inSize[0] || iy >= inSize[1] || ix >= inSize[2]) continue;
                var i = ((ic * inSize[0] + iz) * inSize[1] + iy) * inSize[2] + ix;
                matrix[i, j] = w[(((om * c + ic) * k[0] + kz) * k[1] + ky) * k[2] + kx];
                connected[i, j] = true;
            }
        }
        var fullBias = bias is null ? null : Enumerable.Range(0, outputs).Select(j => bias[j / (outputs / m)]).ToArray();
        return new ExplicitRuleReference { W = matrix, Connected = connected, Bias = fullBias };
    }

    /// <summary>The explicit matrix of a single-Gemm (transB = 1) model.</summary>
    public static ExplicitRuleReference FromDense(byte[] model)
    {
        var g = ModelProto.Parser.ParseFrom(model).Graph;
        var node = g.Node.Single(n => n.OpType == "Gemm");
        var wt = g.Initializer.Single(t => t.Name == node.Input[1]);
        var w = OnnxTensors.ToFloats(wt);
        int outputs = (int)wt.Dims[0], inputs = (int)wt.Dims[1];
        var matrix = new double[inputs, outputs];
        var connected = new bool[inputs, outputs];
        for (var i = 0; i < inputs; i++)
        for (var j = 0; j < outputs; j++) { matrix[i, j] = w[j * inputs + i]; connected[i, j] = true; }
        var bias = node.Input.Count > 2 ? OnnxTensors.ToFloats(g.Initializer.Single(t => t.Name == node.Input[2])).Select(v => (double)v).ToArray() : null;
        return new ExplicitRuleReference { W = matrix, Connected = connected, Bias = bias };
    }

    /// <summary>y_j = Σ_i x_i W_ij + b_j.</summary>
    public double[] Forward(double[] x) => Linear(x, (i, j) => W[i, j], Bias);

    /// <summary>The input relevance of a uniform composite (iNNvestigate name), from the formulas.</summary>
    public double[] Relevance(string composite, double[] x, double[] r, double epsilon, double gamma, double low, double high)
    {
        const double lrp0 = 1e-9, stab = 1e-6;
        var bias = composite.EndsWith("_IB") ? null : Bias;
        double Pos(double v) => Math.Max(v, 0);
        double Neg(double v) => Math.Min(v, 0);
        switch (composite)
        {
            case "lrp.z" or "lrp.z_IB":
                return Share((i, j) => x[i] * W[i, j], Denominators((i, j) => x[i] * W[i, j], bias), r, lrp0);
            case "lrp.epsilon" or "lrp.epsilon_IB":
                return Share((i, j) => x[i] * W[i, j], Denominators((i, j) => x[i] * W[i, j], bias), r, epsilon);
            case "lrp.z_plus" or "lrp.z_plus_IB" or "lrp.alpha_1_beta_0" or "lrp.alpha_1_beta_0_IB":
                return AlphaBeta(1, 0);
            case "lrp.alpha_2_beta_1" or "lrp.alpha_2_beta_1_IB":
                return AlphaBeta(2, 1);
            case "lrp.gamma" or "lrp.gamma_IB":
            {
                double U(int i, int j) => W[i, j] + gamma * Pos(W[i, j]);
                double V(int i, int j) => W[i, j] + gamma * Neg(W[i, j]);
                var z = Linear(x, (i, j) => W[i, j], bias);
                var rPos = r.Select((v, j) => z[j] > 0 ? v : 0).ToArray();
                var rNeg = r.Select((v, j) => z[j] < 0 ? v : 0).ToArray();
                var bU = bias?.Select(b => b + gamma * Pos(b)).ToArray();
                var bV = bias?.Select(b => b + gamma * Neg(b)).ToArray();
                Func<int, int, double> up = (i, j) => Pos(x[i]) * U(i, j) + Neg(x[i]) * V(i, j);
                Func<int, int, double> down = (i, j) => Pos(x[i]) * V(i, j) + Neg(x[i]) * U(i, j);
                return Add(Share(up, Denominators(up, bU), rPos, stab), Share(down, Denominators(down, bV), rNeg, stab));
            }
            case "lrp.flat":
            {
                Func<int, int, double> one = (i, j) => Connected[i, j] ? 1 : 0;
                return Share(one, Denominators(one, null), r, stab);
            }
            case "lrp.w_square":
            {
                Func<int, int, double> sq = (i, j) => W[i, j] * W[i, j];
                return Share(sq, Denominators(sq, null), r, stab);
            }
            case "lrp.bounded":
            {
                Func<int, int, double> box = (i, j) => x[i] * W[i, j] - low * Pos(W[i, j]) - high * Neg(W[i, j]);
                return Share(box, Denominators(box, null), r, stab);
            }
            default:
                throw new ArgumentException(composite);
        }

        double[] AlphaBeta(double alpha, double beta)
        {
            Func<int, int, double> positive = (i, j) => Pos(x[i]) * Pos(W[i, j]) + Neg(x[i]) * Neg(W[i, j]);
            Func<int, int, double> negative = (i, j) => Pos(x[i]) * Neg(W[i, j]) + Neg(x[i]) * Pos(W[i, j]);
            var pos = Share(positive, Denominators(positive, bias?.Select(Pos).ToArray()), r, stab);
            if (beta == 0) return pos.Select(v => alpha * v).ToArray();
            var neg = Share(negative, Denominators(negative, bias?.Select(Neg).ToArray()), r, stab);
            return pos.Select((v, i) => alpha * v - beta * neg[i]).ToArray();
        }
    }

    /// <summary>
    /// First-order sensitivity of LRP-0 to rounding of its denominators z_j = Σ_i x_i W_ij (+ b_j): for input i,
    /// Σ_j |x_i W_ij R_j / z_j| · Σ_i' |x_i' W_i'j| / |z_j|. LRP-0 has no ε, so a near-cancelling z_j amplifies
    /// float32 rounding by this much; the comparison scales its 1e-5 tolerance with it.
    /// </summary>
    public double[] Lrp0Sensitivity(double[] x, double[] r, bool includeBias)
    {
        var bias = includeBias ? Bias : null;
        var z = Linear(x, (i, j) => W[i, j], bias);
        var result = new double[Inputs];
        for (var j = 0; j < Outputs; j++)
        {
            var magnitude = (bias is null ? 0 : Math.Abs(bias[j])) + Enumerable.Range(0, Inputs).Sum(i => Math.Abs(x[i] * W[i, j]));
            var d = Math.Max(Math.Abs(z[j]), 1e-9);
            for (var i = 0; i < Inputs; i++) result[i] += Math.Abs(x[i] * W[i, j] * r[j] / d) * magnitude / d;
        }
        return result;
    }

    private double[] Linear(double[] x, Func<int, int, double> w, double[]? bias)
    {
        var y = new double[Outputs];
        for (var j = 0; j < Outputs; j++)
        {
            var sum = bias?[j] ?? 0;
            for (var i = 0; i < Inputs; i++) sum += x[i] * w(i, j);
            y[j] = sum;
        }
        return y;
    }

    private double[] Denominators(Func<int, int, double> contribution, double[]? bias)
    {
        var d = new double[Outputs];
        for (var j = 0; j < Outputs; j++)
        {
            var sum = bias?[j] ?? 0;
            for (var i = 0; i < Inputs; i++) sum += contribution(i, j);
            d[j] = sum;
        }
        return d;
    }

    /// <summary>R_i = Σ_j contribution_ij · R_j / (d_j + ε·sign(d_j)), sign(0) = +1.</summary>
    private double[] Share(Func<int, int, double> contribution, double[] denominators, double[] r, double epsilon)
    {
        var result = new double[Inputs];
        for (var j = 0; j < Outputs; j++)
        {
            var d = denominators[j];
            var scaled = r[j] / (d + (d >= 0 ? epsilon : -epsilon));
            for (var i = 0; i < Inputs; i++) result[i] += contribution(i, j) * scaled;
        }
        return result;
    }

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();
}

using Google.Protobuf;
using Onnx;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// Max pooling with MRInet's overlapping windows (3³, stride 2, pads 1) routes each window's relevance to one
/// winner; winners of several windows accumulate, and ties or all-zero windows neither lose nor duplicate relevance.
/// </summary>
public sealed class MaxPoolRoutingTests
{
    private const int Size = 5; // output 3³: windows start at -1, 1, 3 and overlap at 1 and 3

    /// <summary>
    /// MaxPool on the input (compiled into the ONNX graph) or, with <paramref name="inCSharp"/>, after a no-op Reshape,
    /// so that the pooling is not the first layer and runs in the C# kernel of the split plan.
    /// </summary>
    private static RelevanceEngine PoolOnly(bool inCSharp)
    {
        var g = new OnnxGraphWriter("pool");
        g.Reserve("x");
        g.Input("x", TensorProto.Types.DataType.Float, [1, 1, Size, Size, Size]);
        var pooledInput = inCSharp ? g.Node("Reshape", ["x", g.ConstantInt64("same", [1, 1, Size, Size, Size], 5)], "same") : "x";
        var y = g.Node("MaxPool", [pooledInput], "y",
            OnnxAttributes.MakeInts("kernel_shape", new[] { 3, 3, 3 }),
            OnnxAttributes.MakeInts("strides", new[] { 2, 2, 2 }),
            OnnxAttributes.MakeInts("pads", new[] { 1, 1, 1, 1, 1, 1 }));
        g.Output(y, TensorProto.Types.DataType.Float, [1, 1, 3, 3, 3]);
        var engine = RelevanceEngine.FromBytes(g.ToModel(17).ToByteArray(), "pool", new RelevanceEngineOptions { Provider = ProviderPreference.Cpu });
        Assert.Equal(inCSharp, engine.UsesSplitPlan(CompositeRegistry.Create("lrp.z"), RelevanceStart.Ones));
        return engine;
    }

    private static int Index(int z, int y, int x) => (z * Size + y) * Size + x;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Winner_of_overlapping_windows_receives_the_sum_of_their_relevance(bool inCSharp)
    {
        using var engine = PoolOnly(inCSharp);
        var input = new float[Size * Size * Size];
        for (var i = 0; i < input.Length; i++) input[i] = 0.01f * i;
        // (1,1,1) lies in the 2×2×2 = 8 windows starting at -1 and 1 on each axis and is the largest value in all of them.
        input[Index(1, 1, 1)] = 100f;

        var result = engine.Explain(input, CompositeRegistry.Create("lrp.z"), RelevanceStart.Ones, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(8f, result.Relevance[Index(1, 1, 1)]);
        Assert.Equal(27f, result.RelevanceSum, 1e-5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tied_and_all_zero_windows_give_each_window_exactly_once(bool inCSharp)
    {
        using var engine = PoolOnly(inCSharp);
        var input = new float[Size * Size * Size];

        var result = engine.Explain(input, CompositeRegistry.Create("lrp.z"), RelevanceStart.Ones, cancellationToken: TestContext.Current.CancellationToken);

        // 27 windows of zeros, 27 units of relevance: all of it arrives, in whole windows, never split or copied.
        Assert.Equal(27.0, result.RelevanceSum, 1e-6);
        Assert.All(result.Relevance, r => Assert.Equal(Math.Round(r), r));
        Assert.All(result.Relevance, r => Assert.InRange(r, 0f, 8f));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Relevance_of_each_window_goes_to_its_maximum(bool inCSharp)
    {
        using var engine = PoolOnly(inCSharp);
        var input = OnnxModelBuilder.Normal(new Random(9), Size * Size * Size, 1.0);

        var result = engine.Explain(input, CompositeRegistry.Create("lrp.z"), cancellationToken: TestContext.Current.CancellationToken);

        var expected = new double[input.Length];
        var o = 0;
        for (var z = -1; z < Size - 1; z += 2)
        for (var y = -1; y < Size - 1; y += 2)
        for (var x = -1; x < Size - 1; x += 2)
        {
            var best = -1;
            for (var dz = 0; dz < 3; dz++)
            for (var dy = 0; dy < 3; dy++)
            for (var dx = 0; dx < 3; dx++)
            {
                int iz = z + dz, iy = y + dy, ix = x + dx;
                if (iz < 0 || iy < 0 || ix < 0 || iz >= Size || iy >= Size || ix >= Size) continue;
                if (best < 0 || input[Index(iz, iy, ix)] > input[best]) best = Index(iz, iy, ix);
            }
            expected[best] += result.Prediction[o++];
        }
        RuleReferenceTests.AssertClose(expected, result.Relevance, 1e-6);
    }
}

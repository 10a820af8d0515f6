using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RelevanceRelated.Analysis.Demo;

namespace RelevanceRelated.Analysis.Tests.Demo;

public sealed class DemoNetworkTests
{
    [Fact]
    public void Its_output_is_the_calibrated_readout_of_its_features()
    {
        const int seed = 7;
        var random = new Random(11);
        var input = new float[DemoNetwork.Cube * DemoNetwork.Cube * DemoNetwork.Cube];
        for (var i = 0; i < input.Length; i++) input[i] = (float)random.NextDouble();
        var summaryWeights = Enumerable.Range(0, DemoNetwork.SummaryCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        var features = Run(DemoNetwork.FeatureExtractor(seed), input, "features");
        var readout = DemoNetwork.ExpandReadout(summaryWeights);
        var z = 3.0 + readout.Select((w, j) => w * features[j]).Sum();
        // Knots on both sides of z, so some hinge units are active and some are not.
        var calibration = new ReadoutCalibration(1.5, 0.7, [z - 20, z - 5, z + 5], [0.3, -0.2, 4]);

        var output = Run(DemoNetwork.Build(seed, readout, 3.0, calibration).ToByteArray(), input, null);

        Assert.Equal(calibration.Apply(z), output[0], Math.Abs(calibration.Apply(z)) * 1e-4 + 1e-3);
    }

    private static float[] Run(byte[] model, float[] input, string? outputName)
    {
        using var session = new InferenceSession(model);
        var tensor = new DenseTensor<float>(input, [1, 1, DemoNetwork.Cube, DemoNetwork.Cube, DemoNetwork.Cube]);
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        var output = outputName is null ? outputs.First() : outputs.First(o => o.Name == outputName);
        return output.AsTensor<float>().ToArray();
    }
}

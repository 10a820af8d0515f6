using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Xai.Onnx;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>
/// A model-grid input prepared elsewhere (here: our own preprocessing written to NIfTI and read back) predicts as the
/// native image does, and its relevance reaches the native grid through its affine alone.
/// </summary>
public sealed class PreparedInputTests
{
    [Fact]
    public void A_prepared_input_with_only_its_affine_gives_the_same_prediction_and_native_relevance_as_the_native_image()
    {
        var dir = TestData.NewTempDirectory("rr-prepared");
        var spec = new NetworkSpec { InputSize = [98, 98, 98], Blocks = [new ConvBlock(2, 3)], Head = NetworkHead.GlobalAveragePool, FinalRelu = false, Seed = 3 };
        var file = Path.Combine(dir, "m.onnx");
        File.WriteAllBytes(file, OnnxModelBuilder.Build(spec, ExportStyle.PyTorch));
        using var ensemble = BrainAgeEnsemble.Load(TestModelConfig.Of("m", [file], "LIA", 2.0, 98, "unit"));
        using var explainer = new BrainAgeExplainer(ensemble);
        using var native = ModelTestVolumes.Ixi();
        using var run = ensemble.Run(native, 46.71, cancellationToken: TestContext.Current.CancellationToken);
        var inputFile = Path.Combine(dir, "m_input.nii.gz");
        VolumeFile.Write(run.Input, inputFile, VoxelType.Float32);

        using var prepared = VolumeFile.Read(inputFile);
        using var preparedRun = ensemble.RunPrepared(prepared, AffineGridMapping.Of(native), 46.71, cancellationToken: TestContext.Current.CancellationToken);
        using var fromRecord = explainer.Explain(run, "lrp.epsilon", cancellationToken: TestContext.Current.CancellationToken);
        using var fromAffine = explainer.Explain(preparedRun, "lrp.epsilon", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(run.Prediction.Ensemble, preparedRun.Prediction.Ensemble, 6);
        Assert.Equal(native.Shape.ToArray(), fromAffine.NativeMap.Shape.ToArray());
        Assert.Equal(native.Affine, fromAffine.NativeMap.Affine);
        var a = fromRecord.NativeMap.Frame(0);
        var b = fromAffine.NativeMap.Frame(0);
        double largest = 0, worst = 0;
        for (var i = 0; i < a.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[i]));
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }
        Assert.True(largest > 0);
        Assert.True(worst <= 1e-4 * largest, $"record and affine mappings differ by {worst} (largest {largest})");
    }

    [Fact]
    public void An_affine_mapping_survives_json_and_a_record_still_reads_as_before()
    {
        using var native = ModelTestVolumes.Ixi();
        var mapping = AffineGridMapping.Of(native);

        var read = PreprocessRecordJson.ReadMapping(PreprocessRecordJson.Write(mapping), "artifact m.json");

        var affine = Assert.IsType<AffineGridMapping>(read);
        Assert.Equal(mapping.NativeShape, affine.NativeShape);
        Assert.Equal(mapping.NativeAffine, affine.NativeAffine);
        var (box, record) = BrainAgePreprocessor.Run(native, TestModelConfig.Of("m", [], "RAS", 2.0, 98, "unit"));
        using (box)
            Assert.IsType<PreprocessRecord>(PreprocessRecordJson.ReadMapping(PreprocessRecordJson.Write((INativeGridMapping)record), "artifact r.json"));
        var bad = Assert.Throws<InvalidInputException>(() => PreprocessRecordJson.ReadMapping("{\"Kind\":\"affine\",\"NativeShape\":[1,2]}", "artifact x.json"));
        Assert.StartsWith("artifact x.json: ", bad.Message);
    }
}

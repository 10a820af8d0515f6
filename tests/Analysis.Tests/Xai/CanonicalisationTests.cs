using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>Canonizers turn both export styles into the same kinds of layers, with MRInet's shapes.</summary>
public sealed class CanonicalisationTests
{
    [Fact]
    public void Mrinet_at_198_has_the_published_shapes()
    {
        var model = OnnxModelReader.Read(OnnxModelBuilder.Build(NetworkSpec.MriNet(198), ExportStyle.PyTorch), "mrinet");

        var pooled = model.Layers.Select((l, i) => (l, i)).Where(p => p.l is MaxPoolLayer).Select(p => model.Shapes[p.i + 1][2]).ToArray();
        Assert.Equal([99, 50, 25, 13, 7], pooled);
        Assert.Equal([1, 1], model.OutputShape);
        Assert.Equal(32 * 7 * 7 * 7, ((DenseLayer)model.Layers.First(l => l is DenseLayer)).Inputs);
    }

    [Fact]
    public void Conv_followed_by_batchnorm_is_folded_into_one_convolution()
    {
        var model = OnnxModelReader.Read(OnnxModelBuilder.Build(TinyNetworks.Spec(batchNorm: true), ExportStyle.PyTorch), "bn");

        Assert.DoesNotContain(model.Layers, l => l is ChannelAffineLayer);
        Assert.All(model.Layers.OfType<ConvLayer>(), c => Assert.Equal("Conv+BatchNormalization", c.OpType));
    }

    [Fact]
    public void Tf2onnx_style_becomes_cast_transpose_convolutions_affine_batchnorm_and_fused_dense_layers()
    {
        var model = OnnxModelReader.Read(OnnxModelBuilder.Build(TinyNetworks.Spec(batchNorm: true), ExportStyle.Tf2Onnx), "tf");

        Assert.IsType<CastLayer>(model.Layers[0]);
        Assert.IsType<TransposeLayer>(model.Layers[1]);
        Assert.Equal(2, model.Layers.Count(l => l is ChannelAffineLayer));
        var dense = model.Layers.OfType<DenseLayer>().ToList();
        Assert.Equal(2, dense.Count);
        Assert.All(dense, d => Assert.Equal("MatMul+Add", d.OpType));
        Assert.All(dense, d => Assert.NotNull(d.Bias));
        Assert.Equal(InputLayout.ChannelsLast, model.Layout);
    }
}

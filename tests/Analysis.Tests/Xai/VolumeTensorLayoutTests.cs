using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>Volumes (x fastest) become C-ordered model inputs of either layout and come back unchanged.</summary>
public sealed class VolumeTensorLayoutTests
{
    [Theory]
    [InlineData(ExportStyle.PyTorch)]
    [InlineData(ExportStyle.Tf2Onnx)]
    public void Volume_maps_to_c_order_and_back(ExportStyle style)
    {
        var model = OnnxModelReader.Read(OnnxModelBuilder.Build(TinyNetworks.Spec(false), style), "tiny");
        int nx = 7, ny = 8, nz = 9;
        var volume = Enumerable.Range(0, nx * ny * nz).Select(i => (float)i).ToArray();

        var tensor = VolumeTensorLayout.ToModelInput(volume, [nx, ny, nz], 1, model, "v");

        // Voxel (x=1, y=2, z=3) sits at C-order index (1·8 + 2)·9 + 3 of the [7, 8, 9] input.
        Assert.Equal(volume[1 + nx * (2 + ny * 3)], tensor[(1 * ny + 2) * nz + 3]);
        Assert.Equal(volume, VolumeTensorLayout.ToVolume(tensor, model));
    }

    [Fact]
    public void Another_spatial_shape_is_refused_with_the_expected_one()
    {
        var model = OnnxModelReader.Read(OnnxModelBuilder.Build(TinyNetworks.Spec(false), ExportStyle.PyTorch), "tiny.onnx");

        var error = Assert.Throws<InvalidInputException>(() => VolumeTensorLayout.ToModelInput(new float[9 * 8 * 7], [9, 8, 7], 1, model, "t1.nii"));

        Assert.Contains("'t1.nii' has shape [9, 8, 7]", error.Message);
        Assert.Contains("expects [7, 8, 9]", error.Message);
    }
}

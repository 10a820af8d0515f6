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

/// <summary>The one layout type: every channel count, both channel positions, uint8 inputs and segmentation outputs.</summary>
public sealed class VolumeTensorLayoutChannelTests
{
    private static float[] Ramp(int count) => Enumerable.Range(0, count).Select(i => i * 0.5f).ToArray();

    [Theory]
    [InlineData(InputLayout.ChannelsFirst)]
    [InlineData(InputLayout.ChannelsLast)]
    public void Two_channel_volumes_land_at_the_numpy_index_of_each_layout_and_come_back(InputLayout position)
    {
        int nx = 5, ny = 4, nz = 3, channels = 2;
        var layout = new VolumeTensorLayout("x", position, channels, [nx, ny, nz], Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float);
        var volume = Ramp(channels * nx * ny * nz);

        var tensor = layout.ToTensor(volume);

        for (var c = 0; c < channels; c++)
        for (var x = 0; x < nx; x++)
        for (var y = 0; y < ny; y++)
        for (var z = 0; z < nz; z++)
        {
            // numpy: np.stack(frames, axis=0 or -1)[c or ..., x, y, z] with C order.
            var spatial = (x * ny + y) * nz + z;
            var t = position == InputLayout.ChannelsFirst ? c * nx * ny * nz + spatial : spatial * channels + c;
            Assert.Equal(volume[c * nx * ny * nz + x + nx * (y + ny * z)], tensor[t]);
        }
        Assert.Equal(volume, layout.ToVolume(tensor));
        Assert.Equal(position == InputLayout.ChannelsFirst ? [1, 2, 5, 4, 3] : new[] { 1, 5, 4, 3, 2 }, layout.TensorShape);
    }

    [Fact]
    public void A_uint8_input_holds_each_value_rounded_half_to_even_and_clamped()
    {
        var layout = new VolumeTensorLayout("x", InputLayout.ChannelsLast, 1, [4, 1, 1], Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.UInt8);

        var input = layout.CreateInput([[2.5f, 3.5f, -4f, 300f]]);

        Assert.Equal(new byte[] { 2, 4, 0, 255 }, input.AsTensor<byte>().ToArray());
    }

    [Fact]
    public void A_segmentation_output_gives_its_last_class_as_the_foreground_map()
    {
        int nx = 3, ny = 2, nz = 2;
        var layout = new VolumeTensorLayout("x", InputLayout.ChannelsFirst, 1, [nx, ny, nz], Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float);
        var classes = Ramp(2 * nx * ny * nz);
        var output = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(classes, [1, 2, nx, ny, nz]);

        var map = layout.OutputToVolume(output, "pvs_models.test", "fold.onnx");

        // Class 1 of voxel (x, y, z) is output[0, 1, x, y, z].
        for (var x = 0; x < nx; x++)
        for (var y = 0; y < ny; y++)
        for (var z = 0; z < nz; z++)
            Assert.Equal(classes[nx * ny * nz + (x * ny + y) * nz + z], map[x + nx * (y + ny * z)]);
        var wrong = Assert.Throws<InvalidInputException>(() => layout.OutputToVolume(new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(new float[8], [1, 2, 2, 2]), "pvs_models.test", "fold.onnx"));
        Assert.Contains("pvs_models.test: fold.onnx output has shape [1, 2, 2, 2]", wrong.Message);
    }
}

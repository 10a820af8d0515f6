using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// A block's relevance computed in one C# pass at the max-pool winners (Conv → ReLU → MaxPool fused) equals routing
/// into the dense tensor and running the convolution's backward graph, for every rule with a contribution form, at
/// borders and inside, with overlapping windows, ties and all-zero windows — in both kernels: per winner for blocks
/// with few input channels, channels-last for blocks with many.
/// </summary>
public sealed class FusedConvBlockTests
{
    public enum InputKind
    {
        Signed,
        NonNegative,
        /// <summary>Zeros in the first half: windows of equal values (ties) and, where a channel's bias is ≤ 0, all-zero windows.</summary>
        HalfZero,
    }

    [Theory]
    [InlineData(SequentialPresetComposite.PresetA, InputKind.Signed)]
    [InlineData(SequentialPresetComposite.PresetA, InputKind.NonNegative)]
    [InlineData(SequentialPresetComposite.PresetA, InputKind.HalfZero)]
    [InlineData("lrp.z", InputKind.Signed)]
    [InlineData("lrp.z", InputKind.HalfZero)]
    [InlineData("lrp.epsilon", InputKind.Signed)]
    [InlineData("lrp.z_plus_IB", InputKind.NonNegative)]
    [InlineData("lrp.epsilon_IB", InputKind.HalfZero)]
    public void Fused_blocks_equal_routing_and_the_backward_graph(string composite, InputKind kind)
    {
        // Both split blocks: the one-channel first block per winner, the second (its input is ≥ 0 after ReLU and
        // pooling, so every rule's terms factor) channels-last.
        AssertFusedEqualsGraph(TinyNetworks.Spec(batchNorm: true), composite, fusedBlocks: 2, kind);
    }

    [Fact]
    public void Deep_inputs_split_into_several_slabs_give_the_same_relevance()
    {
        // 21 planes pool to 11: several slabs in both parallel phases.
        var spec = TinyNetworks.Spec(batchNorm: false) with { InputSize = [21, 6, 11] };
        AssertFusedEqualsGraph(spec, SequentialPresetComposite.PresetA, fusedBlocks: null);
    }

    [Theory]
    [InlineData(SequentialPresetComposite.PresetA, InputKind.Signed)]
    [InlineData(SequentialPresetComposite.PresetA, InputKind.HalfZero)]
    [InlineData("lrp.epsilon", InputKind.HalfZero)]
    public void Long_rows_whose_windows_are_decided_eight_at_a_time_give_the_same_relevance(string composite, InputKind kind)
    {
        // 40 voxels along x pool to 20 windows (18 inside the row, two batches of eight), then 10 (one batch): ties
        // in the zero half must resolve in scan order there as in the graph.
        var spec = TinyNetworks.Spec(batchNorm: false) with { InputSize = [5, 6, 40] };
        AssertFusedEqualsGraph(spec, composite, fusedBlocks: 2, kind);
    }

    [Fact]
    public void Blocks_with_few_and_with_many_input_channels_are_fused_with_all_their_channels()
    {
        // The second block reads the first block's two channels (per winner); the third reads four (channels-last).
        var spec = TinyNetworks.Spec(batchNorm: false) with { Blocks = [new(2, 3), new(4, 3), new(3, 3), new(3, 1, Pool: false)] };
        AssertFusedEqualsGraph(spec, SequentialPresetComposite.PresetA, fusedBlocks: 3, splitPools: 3);
    }

    [Theory]
    [InlineData(InputKind.Signed)]
    [InlineData(InputKind.NonNegative)]
    [InlineData(InputKind.HalfZero)]
    public void Alpha_beta_rules_fuse_with_their_two_normalisations(InputKind kind) =>
        // Preset B's α2β1: positive and negative products each over their own sum, in both kernels.
        AssertFusedEqualsGraph(TinyNetworks.Spec(batchNorm: false), SequentialPresetComposite.PresetB, fusedBlocks: 2, kind);

    [Theory]
    [InlineData("lrp.alpha_2_beta_1_IB")]
    [InlineData("lrp.alpha_1_beta_0")]
    [InlineData("lrp.z_plus")]
    public void Positive_part_rules_fuse_on_many_signed_channels(string composite) =>
        // tf2onnx style: the second block's four channels come from a BatchNormalization, so its input is signed and
        // the channels-last kernel accumulates the terms themselves instead of factoring x out.
        AssertFusedEqualsGraph(TinyNetworks.Spec(batchNorm: true), composite, fusedBlocks: 2, style: ExportStyle.Tf2Onnx);

    [Theory]
    [InlineData("lrp.epsilon")]
    [InlineData("lrp.z")]
    [InlineData(SequentialPresetComposite.PresetA)]
    [InlineData(SequentialPresetComposite.PresetB)]
    public void Every_block_of_the_conv6_topology_fuses(string composite) =>
        // 6³ kernels (SAME: two taps before, three after) with 2³ pools that drop an odd last plane, BatchNormalization
        // after every pooling, global average pooling and dense layers in the middle graph.
        AssertFusedEqualsGraph(NetworkSpec.Conv6([17, 19, 23], seed: 4) with { FinalRelu = false }, composite, fusedBlocks: 4, splitPools: 4, style: ExportStyle.Tf2Onnx);

    [Theory]
    [InlineData(SequentialPresetComposite.PresetA, InputKind.Signed)]
    [InlineData(SequentialPresetComposite.PresetB, InputKind.Signed)]
    [InlineData(SequentialPresetComposite.PresetB, InputKind.HalfZero)]
    [InlineData("lrp.epsilon", InputKind.Signed)]
    public void Six_wide_kernels_and_two_wide_pools_fuse_on_any_input(string composite, InputKind kind)
    {
        // Rows of six taps in eight-lane vectors, windows clipped by the padding on every side, signed inputs whose
        // positive-part terms do not factor.
        var spec = TinyNetworks.Spec(batchNorm: false) with
        {
            InputSize = [13, 14, 21],
            Blocks = [new(3, 6, PoolSize: 2, PoolStride: 2, PoolSame: false), new(5, 6, PoolSize: 2, PoolStride: 2), new(2, 1, Pool: false)],
        };
        AssertFusedEqualsGraph(spec, composite, fusedBlocks: 2, kind);
    }

    [Fact]
    public void Rules_without_a_contribution_form_keep_the_backward_graph()
    {
        AssertFusedEqualsGraph(TinyNetworks.Spec(batchNorm: false), "lrp.gamma", fusedBlocks: 0);
    }

    [Fact]
    public void A_single_split_pooling_fuses_its_block()
    {
        AssertFusedEqualsGraph(TinyNetworks.Spec(batchNorm: false), SequentialPresetComposite.PresetA, fusedBlocks: 1, splitPools: 1);
    }

    [Theory]
    [InlineData(SequentialPresetComposite.PresetA)]
    [InlineData("lrp.epsilon")]
    [InlineData("lrp.z")]
    public void Uint8_models_with_batch_norm_after_pooling_fuse_every_block(string composite) =>
        // The input's Cast and Transpose before the first convolution, and the BatchNormalization after the first
        // pooling before the second, stay in small backward graphs with their own rules.
        AssertFusedEqualsGraph(TinyNetworks.Spec(batchNorm: true), composite, fusedBlocks: 2, style: ExportStyle.Tf2Onnx);

    /// <summary>
    /// Builds the model with and without fused blocks, checks how many blocks fused (when <paramref name="fusedBlocks"/>
    /// is given) and that both give the same prediction and relevance.
    /// </summary>
    private static void AssertFusedEqualsGraph(NetworkSpec spec, string composite, int? fusedBlocks, InputKind kind = InputKind.Signed,
        int splitPools = 2, ExportStyle style = ExportStyle.PyTorch)
    {
        var (fused, unfused) = Engines(spec, composite, splitPools, style);
        using (fused)
        using (unfused)
        {
            var rules = CompositeRegistry.Create(composite);
            if (fusedBlocks is { } expected) Assert.Equal(expected, fused.FusedBlockCount(rules));
            Assert.Equal(0, unfused.FusedBlockCount(rules));
            var count = (int)Analysis.Xai.Layers.Layer.Count(fused.Model.InputShape);
            var input = style == ExportStyle.Tf2Onnx ? TinyNetworks.Input(style, count, seed: 5) : Input(kind, count);
            AssertSameRelevance(unfused, fused, rules, input);
        }
    }

    private static (RelevanceEngine Fused, RelevanceEngine Unfused) Engines(NetworkSpec spec, string composite, int splitPools = 2,
        ExportStyle style = ExportStyle.PyTorch)
    {
        var model = OnnxModelBuilder.Build(spec, style);
        var fused = RelevanceEngine.FromBytes(model, $"fused-{composite}", new RelevanceEngineOptions { Provider = ProviderPreference.Cpu, SplitMaxPools = splitPools });
        var unfused = RelevanceEngine.FromBytes(model, $"unfused-{composite}",
            new RelevanceEngineOptions { Provider = ProviderPreference.Cpu, SplitMaxPools = splitPools, FuseConvBlocks = false });
        return (fused, unfused);
    }

    private static void AssertSameRelevance(RelevanceEngine expectedEngine, RelevanceEngine actualEngine, Composite composite, float[] input)
    {
        var expected = expectedEngine.Explain(input, composite);
        var actual = actualEngine.Explain(input, composite);
        Assert.Equal(expected.Prediction[0], actual.Prediction[0], 1e-6f);
        var scale = expected.Relevance.Max(v => Math.Abs(v));
        Assert.True(scale > 0);
        for (var i = 0; i < expected.Relevance.Length; i++)
            Assert.Equal(expected.Relevance[i], actual.Relevance[i], 1e-5f * scale);
    }

    private static float[] Input(InputKind kind, int count)
    {
        var random = new Random(11);
        var values = OnnxModelBuilder.Normal(random, count, 1.0);
        for (var i = 0; i < count; i++)
        {
            values[i] = kind switch
            {
                InputKind.NonNegative => Math.Abs(values[i]),
                InputKind.HalfZero => i < count / 2 ? 0f : Math.Abs(values[i]),
                _ => values[i],
            };
        }
        return values;
    }
}

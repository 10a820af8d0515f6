using System.Diagnostics;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// A stage timeout or a stopping silo can interrupt the long loops: an explanation and a prediction stop inside ONNX
/// Runtime (its terminate flag) and the Frangi filter between scales, each with OperationCanceledException, and the
/// engine still explains and predicts correctly afterwards.
/// </summary>
public sealed class CancelledExplainTests
{
    [Fact]
    public void An_explanation_cancelled_while_it_runs_stops_early_and_the_engine_still_works()
    {
        int[] size = [96, 96, 96];
        var model = OnnxModelBuilder.Build(NetworkSpec.MriNet(size[0], seed: 1) with { InputSize = size }, ExportStyle.PyTorch);
        using var engine = RelevanceEngine.FromBytes(model, "cancel", new RelevanceEngineOptions { Provider = ProviderPreference.Cpu });
        var random = new Random(3);
        var input = Enumerable.Range(0, size[0] * size[1] * size[2]).Select(_ => random.NextSingle()).ToArray();
        var composite = CompositeRegistry.Create("lrp.sequential_preset_a");
        var expected = engine.Explain(input, composite, cancellationToken: TestContext.Current.CancellationToken);
        var full = Stopwatch.StartNew();
        engine.Explain(input, composite, cancellationToken: TestContext.Current.CancellationToken);
        var fullSeconds = full.Elapsed.TotalSeconds;

        // A timer may fire after a run on a loaded machine has ended: a few tries, each cancelled early in its run.
        var cancelled = false;
        for (var attempt = 0; attempt < 5 && !cancelled; attempt++)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(fullSeconds / 20));
            var clock = Stopwatch.StartNew();
            try
            {
                engine.Explain(input, composite, cancellationToken: cancel.Token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                Assert.True(clock.Elapsed.TotalSeconds < 2 * fullSeconds, $"cancelled after {clock.Elapsed.TotalSeconds:F2} s; a whole run takes {fullSeconds:F2} s");
            }
        }
        Assert.True(cancelled, "no explanation stopped when its token was cancelled during the run");

        Assert.ThrowsAny<OperationCanceledException>(() => engine.Explain(input, composite, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Equal(expected.Relevance, engine.Explain(input, composite, cancellationToken: TestContext.Current.CancellationToken).Relevance);
    }

    [Fact]
    public void A_prediction_cancelled_while_it_runs_stops_and_the_engine_still_predicts()
    {
        int[] size = [128, 128, 128];
        var model = OnnxModelBuilder.Build(NetworkSpec.MriNet(size[0], seed: 2) with { InputSize = size }, ExportStyle.PyTorch);
        using var engine = RelevanceEngine.FromBytes(model, "cancel", new RelevanceEngineOptions { Provider = ProviderPreference.Cpu });
        var random = new Random(4);
        var input = Enumerable.Range(0, size[0] * size[1] * size[2]).Select(_ => random.NextSingle()).ToArray();
        var expected = engine.Predict(input, TestContext.Current.CancellationToken);
        var full = Stopwatch.StartNew();
        engine.Predict(input, TestContext.Current.CancellationToken);
        var fullSeconds = full.Elapsed.TotalSeconds;

        // Cancelled from a thread of its own: a timer's callback waits for the thread pool, which parallel tests keep
        // busy past the end of a run this short.
        var cancelled = false;
        for (var attempt = 0; attempt < 10 && !cancelled; attempt++)
        {
            using var cancel = new CancellationTokenSource();
            var canceller = new Thread(() =>
            {
                Thread.Sleep(TimeSpan.FromSeconds(fullSeconds / 4));
                cancel.Cancel();
            });
            canceller.Start();
            try
            {
                engine.Predict(input, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
            canceller.Join();
        }
        Assert.True(cancelled, "no prediction stopped when its token was cancelled during the run");

        Assert.ThrowsAny<OperationCanceledException>(() => engine.Predict(input, new CancellationToken(canceled: true)));
        Assert.Equal(expected, engine.Predict(input, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_Frangi_filter_stops_when_cancelled()
    {
        using var image = new Volume([24, 24, 24], Affine.Identity, VoxelType.Float32, [1, 1, 1]);
        var random = new Random(1);
        for (var i = 0; i < image.Data.Length; i++) image.Data[i] = random.NextSingle();
        Assert.ThrowsAny<OperationCanceledException>(() => FrangiFilter.Apply(image, cancellationToken: new CancellationToken(canceled: true)));
        using var done = FrangiFilter.Apply(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(done.Data.ToArray(), v => v > 0);
    }
}

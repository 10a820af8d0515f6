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

        var stoppedAfter = CancelDuringRun(token => engine.Explain(input, composite, cancellationToken: token), fullSeconds / 20);
        Assert.True(stoppedAfter is not null, "no explanation stopped when its token was cancelled during the run");
        Assert.True(stoppedAfter < 2 * fullSeconds, $"cancelled after {stoppedAfter:F2} s; a whole run takes {fullSeconds:F2} s");

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

        Assert.True(CancelDuringRun(token => engine.Predict(input, token), fullSeconds / 4) is not null,
            "no prediction stopped when its token was cancelled during the run");

        Assert.ThrowsAny<OperationCanceledException>(() => engine.Predict(input, new CancellationToken(canceled: true)));
        Assert.Equal(expected, engine.Predict(input, TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="run"/> with a token cancelled <paramref name="after"/> seconds in, up to ten times, and returns
    /// how long the first run that stopped took (null: none did). The token is cancelled from a thread of its own: a
    /// timer's callback waits for the thread pool, which parallel tests can keep busy past the end of a short run.
    /// </summary>
    private static double? CancelDuringRun(Action<CancellationToken> run, double after)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var cancel = new CancellationTokenSource();
            var canceller = new Thread(() =>
            {
                Thread.Sleep(TimeSpan.FromSeconds(after));
                cancel.Cancel();
            });
            var clock = Stopwatch.StartNew();
            canceller.Start();
            try
            {
                run(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                return clock.Elapsed.TotalSeconds;
            }
            finally
            {
                canceller.Join();
            }
        }
        return null;
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

using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using System.Globalization;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Grains;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Stages;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// <c>intensity</c>: mean T1 intensity (read back from the artifact the ingest stage stored) times the cohort
/// parameter <c>intensity.scale</c>, which is all its configuration hash covers.
/// </summary>
public sealed class IntensityStage(ArtifactStore store) : ISubjectStage
{
    public const string StageName = "intensity";
    public const string ScaleParameter = "intensity.scale";

    public string Name => StageName;

    public IReadOnlyList<string> DependsOn => [StageNames.Ingest];

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of(StageName, settings.Get(ScaleParameter, "1"));

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var path = await store.GetVerifiedPathAsync(context.Result<IngestResult>(StageNames.Ingest).Image(IngestResult.T1)!.Stored, cancellationToken);
        using var t1 = VolumeFile.Read(path);
        var scale = double.Parse(context.Settings.Get(ScaleParameter, "1"), CultureInfo.InvariantCulture);
        var mean = t1.Data.ToArray().Average(v => (double)v);
        return new MeasuredValue(mean * scale);
    }
}

/// <summary>A test stage's result: one number.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.Tests.MeasuredValue")]
public sealed record MeasuredValue([property: Id(0)] double Value) : StageResult;

/// <summary><c>report</c>: reads only the intensity stage's output, so it reruns exactly when that output changes.</summary>
public sealed class ReportStage : ISubjectStage
{
    public string Name => "report";

    public IReadOnlyList<string> DependsOn => [IntensityStage.StageName];

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of("report/1");

    public Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<StageResult>(new MeasuredValue(Math.Round(context.Result<MeasuredValue>(IntensityStage.StageName).Value)));
}

/// <summary>
/// <c>slow</c>: takes <see cref="Duration"/> and counts, per silo, the runs under way, so a test can kill the silo
/// doing work. A killed silo's runs end at once, as they would with the process gone.
/// </summary>
public sealed class SlowStage(SiloKillSwitch killSwitch) : ISubjectStage
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(1.5);

    public string Name => "slow";

    public IReadOnlyList<string> DependsOn => [StageNames.Ingest];

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of("slow/1");

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, killSwitch.Token);
        Interlocked.Increment(ref killSwitch.Running);
        try
        {
            await Task.Delay(Duration, linked.Token);
        }
        finally
        {
            Interlocked.Decrement(ref killSwitch.Running);
        }
        return new MeasuredValue(Duration.TotalSeconds);
    }
}

/// <summary>One per silo: how many slow stages run there, and the switch that ends them when the test kills it.</summary>
public sealed class SiloKillSwitch
{
    private readonly CancellationTokenSource _kill = new();

    public int Running;

    public CancellationToken Token => _kill.Token;

    public void Kill() => _kill.Cancel();
}

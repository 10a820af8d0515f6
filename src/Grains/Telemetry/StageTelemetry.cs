using RelevanceRelated.Contracts;
using System.Diagnostics.Metrics;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Telemetry;

/// <summary>
/// The cohort service's own metrics, meter <see cref="MeterName"/>: subject stages started, done and failed on this
/// silo, and how long finished stages took, each tagged with the stage's name. The silo exports them beside Orleans'
/// meter (Prometheus scraping on the health port, or OTLP). A stage interrupted by a stopping or dying silo counts as
/// started but neither done nor failed, so started − done − failed is the work in progress on a silo.
/// </summary>
public static class StageTelemetry
{
    public const string MeterName = "RelevanceRelated";
    public const string StageTag = "stage";

    // Names in OpenTelemetry's dotted style; Prometheus shows them as relevancerelated_stage_started_total etc.
    public const string StartedInstrument = "relevancerelated.stage.started";
    public const string DoneInstrument = "relevancerelated.stage.done";
    public const string FailedInstrument = "relevancerelated.stage.failed";
    public const string DurationInstrument = "relevancerelated.stage.duration";

    // Static rather than per silo: the meter is process-wide either way, and grains then need no extra constructor argument.
    private static readonly Meter Meter = new(MeterName, typeof(StageTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Started =
        Meter.CreateCounter<long>(StartedInstrument, "{stage}", "Subject stages started on this silo");

    private static readonly Counter<long> Done =
        Meter.CreateCounter<long>(DoneInstrument, "{stage}", "Subject stages that finished successfully on this silo");

    private static readonly Counter<long> Failed =
        Meter.CreateCounter<long>(FailedInstrument, "{stage}", "Subject stages that failed on this silo (bad input or an error)");

    // Stages take from a fraction of a second (ingest) to many minutes (LRP on 1 mm volumes on a CPU).
    private static readonly Histogram<double> Duration = Meter.CreateHistogram(DurationInstrument, "s",
        "Wall time of finished subject stages", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
        });

    /// <summary>A stage of some subject starts running on this silo.</summary>
    public static void StageStarted(string stage) => Started.Add(1, new KeyValuePair<string, object?>(StageTag, stage));

    /// <summary>A stage ended: counts it as done or failed and records its duration.</summary>
    public static void StageEnded(StageRecord record)
    {
        var tag = new KeyValuePair<string, object?>(StageTag, record.Stage);
        (record.Status == StageStatus.Done ? Done : Failed).Add(1, tag);
        if (record is { Started: { } started, Finished: { } finished })
            Duration.Record(Math.Max(0, (finished - started).TotalSeconds), tag);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace RelevanceRelated.Integration.Tests.Telemetry;

/// <summary>One sample of a Prometheus text exposition: metric name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>Reads the Prometheus text format (what a silo serves at /metrics), enough for tests.</summary>
public static partial class PrometheusText
{
    // Our instruments as the exporter names them: dots become underscores, counters gain _total, seconds _seconds.
    public const string StartedTotal = "relevancerelated_stage_started_total";
    public const string DoneTotal = "relevancerelated_stage_done_total";
    public const string FailedTotal = "relevancerelated_stage_failed_total";
    public const string DurationCount = "relevancerelated_stage_duration_seconds_count";

    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var match = SampleLine().Match(line);
            if (!match.Success) throw new FormatException($"not a Prometheus sample line: '{line}'");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            samples.Add(new PrometheusSample(match.Groups["name"].Value, labels,
                double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    /// <summary>The value of <paramref name="name"/> for stage <paramref name="stage"/>, 0 when there is no sample.</summary>
    public static double Stage(IEnumerable<PrometheusSample> samples, string name, string stage) =>
        samples.Where(s => s.Name == name && s.Labels.GetValueOrDefault("stage") == stage).Sum(s => s.Value);

    /// <summary>Per stage, started − done − failed: the stages under way on the silo that served the samples.</summary>
    public static IReadOnlyDictionary<string, double> StagesInProgress(IReadOnlyList<PrometheusSample> samples) =>
        samples.Where(s => s.Name == StartedTotal && s.Labels.ContainsKey("stage"))
            .Select(s => s.Labels["stage"]).Distinct()
            .ToDictionary(stage => stage, stage => Stage(samples, StartedTotal, stage) - Stage(samples, DoneTotal, stage) - Stage(samples, FailedTotal, stage));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}

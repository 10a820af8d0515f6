namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// Where a cohort run's time went, from each subject's stage start/end times (the analysis code runs between them)
/// and the wall time of the run.
/// <list type="bullet">
/// <item><b>In flight</b>: per subject, from its first stage start to its last stage end; summed over subjects.</item>
/// <item><b>Overhead share</b>: (in flight − analysis) / in flight — the time a subject was being worked on but no
/// analysis code ran: state saves between stages, grain messages, reports to the cohort, scheduling.</item>
/// <item><b>Concurrency</b>: the largest number of subjects in flight at once (the cohort's slot count, observed).</item>
/// <item><b>Utilisation</b>: analysis / (wall × concurrency) — lower than 1 − overhead also because slots idle while
/// the queue fills, at the tail when fewer subjects than slots remain, and between a subject's end and the next start.</item>
/// </list>
/// </summary>
public sealed record PipelineTiming(int Subjects, TimeSpan Wall, TimeSpan Analysis, TimeSpan InFlight, int Concurrency)
{
    public double SubjectsPerMinute => Wall > TimeSpan.Zero ? Subjects / Wall.TotalMinutes : double.NaN;
    public double OverheadShare => InFlight > TimeSpan.Zero ? (InFlight - Analysis) / InFlight : double.NaN;
    public double Utilisation => Wall > TimeSpan.Zero && Concurrency > 0 ? Analysis / (Wall * Concurrency) : double.NaN;

    /// <param name="stages">Per subject, the (start, end) of every stage that ran.</param>
    /// <param name="wall">Wall time of the run (submission to completion).</param>
    public static PipelineTiming Measure(IReadOnlyList<IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)>> stages, TimeSpan wall)
    {
        var analysis = TimeSpan.Zero;
        var inFlight = TimeSpan.Zero;
        var spans = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var subject in stages.Where(s => s.Count > 0))
        {
            foreach (var (start, end) in subject) analysis += end - start;
            var span = (Start: subject.Min(s => s.Start), End: subject.Max(s => s.End));
            inFlight += span.End - span.Start;
            spans.Add(span);
        }
        return new PipelineTiming(spans.Count, wall, analysis, inFlight, MaxOverlap(spans));
    }

    /// <summary>Sweep over start (+1) and end (−1) events; ends sort before starts at the same instant.</summary>
    private static int MaxOverlap(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans)
    {
        var events = spans.SelectMany(s => new[] { (Time: s.Start, Delta: 1), (Time: s.End, Delta: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Delta);
        int current = 0, max = 0;
        foreach (var (_, delta) in events) max = Math.Max(max, current += delta);
        return max;
    }

    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Subjects} subject(s) in {Wall.TotalSeconds:F1} s = {SubjectsPerMinute:F2} subjects/min; analysis code {Analysis.TotalSeconds:F1} s of " +
        $"{InFlight.TotalSeconds:F1} s in flight → {OverheadShare:P2} outside the analysis code (orchestration, persistence, messaging); " +
        $"{Concurrency} subject(s) at once, slot utilisation {Utilisation:P1}");
}

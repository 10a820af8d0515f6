using RelevanceRelated.Analysis.Reports;

namespace RelevanceRelated.Analysis.Tests.Reports;

public sealed class PipelineTimingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (DateTimeOffset, DateTimeOffset) At(double start, double end) => (T0.AddSeconds(start), T0.AddSeconds(end));

    [Fact]
    public void Gaps_between_a_subjects_stages_count_as_time_outside_the_analysis_code()
    {
        // Two subjects at once: stages of 10 s and 9 s with a 1 s gap; then a third subject alone.
        IReadOnlyList<IReadOnlyList<(DateTimeOffset, DateTimeOffset)>> stages =
        [
            [At(0, 10), At(11, 20)],
            [At(0, 10), At(11, 20)],
            [At(20, 30)],
        ];

        var timing = PipelineTiming.Measure(stages, TimeSpan.FromSeconds(40));

        Assert.Equal(3, timing.Subjects);
        Assert.Equal(TimeSpan.FromSeconds(48), timing.Analysis);
        Assert.Equal(TimeSpan.FromSeconds(50), timing.InFlight);
        Assert.Equal(2.0 / 50, timing.OverheadShare, 1e-12);
        Assert.Equal(2, timing.Concurrency);
        Assert.Equal(48.0 / 80, timing.Utilisation, 1e-12);
        Assert.Equal(4.5, timing.SubjectsPerMinute, 1e-12);
    }

    [Fact]
    public void A_subject_starting_when_another_ends_does_not_raise_the_concurrency()
    {
        var timing = PipelineTiming.Measure([[At(0, 5)], [At(5, 9)]], TimeSpan.FromSeconds(9));

        Assert.Equal(1, timing.Concurrency);
        Assert.Equal(0, timing.OverheadShare);
    }
}

using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Simulation;

/// <summary>The simulated stats files parse with the project's FreeSurfer stats parsers and say what the simulation did.</summary>
public sealed class StatsParserCompatibilityTests
{
    private static readonly Lazy<(SimulatedSubject Subject, BidsLayout Layout)> Written = new(() =>
    {
        var subject = SubjectSimulator.Simulate(new SubjectSpec("sub-001", 64, Sex.Female, 8, 0), SimulationGrid.TwoMillimetre);
        var layout = new BidsLayout(TestData.NewTempDirectory("rr-sim-stats"));
        CohortSimulator.WriteSubject(subject, layout);
        return (subject, layout);
    });

    [Fact]
    public void Aseg_stats_parse_with_segmentation_stats_and_give_the_label_counts()
    {
        var (subject, layout) = Written.Value;
        var counts = subject.LabelCounts();

        var stats = SegmentationStats.Read(layout.AsegStats("sub-001"));

        Assert.Equal(45, stats.Rows.Count);
        Assert.All(stats.Rows, row => Assert.Equal(counts.GetValueOrDefault(row.SegId), row.NVoxels));
        Assert.Equal(subject.IntracranialVoxels * subject.Grid.VoxelVolume, stats.File.Measure("eTIV"));
    }

    [Fact]
    public void Aparc_stats_parse_with_parcellation_stats_for_both_hemispheres()
    {
        var (subject, layout) = Written.Value;

        foreach (var hemisphere in new[] { 0, 1 })
        {
            var stats = ParcellationStats.Read(layout.AparcStats("sub-001", hemisphere));

            Assert.Equal(hemisphere == 0 ? "lh" : "rh", stats.Hemisphere);
            Assert.Equal(CorticalParcels.All.Select(p => p.Name), stats.Rows.Select(r => r.StructName));
            foreach (var truth in subject.Parcels[hemisphere])
            {
                var row = stats.Find(truth.Parcel.Name)!;
                Assert.Equal(Math.Round(truth.GrayVolume), row.GrayVol);
                Assert.Equal(Math.Round(truth.ThicknessMean, 3), row.ThickAvg);
            }
        }
    }
}

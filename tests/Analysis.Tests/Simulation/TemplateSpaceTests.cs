using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Atlases;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Simulation;

/// <summary>
/// The simulated template space and what the analyses read in it: FA maps whose tracts lose FA with age as the ground
/// truth says, per-subject affines that put the subject's anatomy where the template's atlases expect it, the atlases
/// themselves, and DKT40/Destrieux stats in FreeSurfer's format.
/// </summary>
public sealed class TemplateSpaceTests
{
    private static readonly SimulationGrid Grid = SimulationGrid.TwoMillimetre;

    private sealed record Written(BidsLayout Layout, IReadOnlyList<SimulatedSubject> Subjects);

    private static readonly Lazy<Written> Cohort = new(() =>
    {
        var layout = new BidsLayout(Path.Combine(TestData.NewTempDirectory("rr-template"), "bids"));
        var subjects = new List<SimulatedSubject>();
        CohortSimulator.Write(CohortSimulator.Participants(8, seed: 11, 20, 80), Grid, layout, subjects.Add, flairOnOwnGrid: true);
        return new Written(layout, subjects);
    });

    /// <summary>Caudate, putamen, pallidum and accumbens, left and right (aseg codes).</summary>
    private static readonly HashSet<int> BasalGangliaLabels = [11, 12, 13, 26, 50, 51, 52, 58];

    [Fact]
    public void Every_tract_loses_FA_with_age_at_the_rate_the_ground_truth_gives()
    {
        var (layout, subjects) = Cohort.Value;
        using var atlas = VolumeFile.Read(layout.TractAtlas);
        var labels = atlas.Frame(0).ToArray();
        var ages = subjects.Select(s => s.Spec.Age).ToArray();

        foreach (var tract in WhiteMatterTracts.All)
        {
            // The median over the atlas's tract voxels: robust to the few that are not white matter in a subject.
            var measured = subjects.Select(s =>
            {
                using var fa = VolumeFile.Read(layout.Fa(s.Spec.Id));
                var values = fa.Frame(0).ToArray();
                return Median(Enumerable.Range(0, values.Length).Where(v => labels[v] == tract.Label).Select(v => (double)values[v]));
            }).ToArray();
            var slope = Slope(ages, measured);
            var truth = -tract.Fa20 * tract.DeclinePerYear;

            Assert.True(slope >= 1.5 * truth && slope <= 0.5 * truth,
                $"{tract.Name}: FA slope {slope:G4} per year; expected about the true {truth:G4} (within half of it)");
            Assert.All(subjects, s => Assert.InRange(s.TractFa[tract.Name], tract.FaAt(s.Spec.Age) - 0.06, tract.FaAt(s.Spec.Age) + 0.06));
        }
    }

    [Fact]
    public void The_template_affine_puts_the_subjects_basal_ganglia_where_the_atlas_has_them()
    {
        var (layout, subjects) = Cohort.Value;
        using var probability = VolumeFile.Read(layout.BasalGangliaAtlas);
        var atlas = probability.Frame(0).ToArray().Select(p => p >= 0.5f).ToArray();
        var grid = ImageGrid.Of(probability);

        foreach (var subject in subjects.Take(3))
        {
            using var aseg = VolumeFile.Read(layout.Aseg(subject.Spec.Id));
            using var moved = VolumeMover.Move(aseg, grid, [new TransformReference(layout.TemplateAffine(subject.Spec.Id))], SpatialInterpolation.Label, cancellationToken: TestContext.Current.CancellationToken);
            using var unmoved = VolumeMover.Move(aseg, grid, TransformChain.Identity, SpatialInterpolation.Label, cancellationToken: TestContext.Current.CancellationToken);

            var aligned = Dice(atlas, moved.Volume.Frame(0).ToArray().Select(l => BasalGangliaLabels.Contains((int)l)).ToArray());
            var headerOnly = Dice(atlas, unmoved.Volume.Frame(0).ToArray().Select(l => BasalGangliaLabels.Contains((int)l)).ToArray());

            // The affine leaves out the anatomy's smooth warp (about 2 mm), as an affine registration to MNI would.
            Assert.True(aligned > 0.6, $"{subject.Spec.Id}: Dice {aligned:F3} of the subject's basal ganglia in template space with the atlas; expected > 0.6");
            Assert.True(headerOnly < aligned - 0.2, $"{subject.Spec.Id}: without the transform Dice {headerOnly:F3}, with it {aligned:F3}; the transform must matter");
        }
    }

    [Fact]
    public void The_affine_file_holds_the_known_template_to_subject_map()
    {
        var (layout, subjects) = Cohort.Value;
        var subject = subjects[0];
        var chain = TransformChainLoader.Load([new TransformReference(layout.TemplateAffine(subject.Spec.Id))], TestContext.Current.CancellationToken);
        var truth = TemplateSpace.SubjectTransform(subject);

        foreach (var (x, y, z) in new[] { (0.0, 0.0, 0.0), (40.0, -60.0, 30.0), (-50.0, 20.0, -20.0) })
        {
            var (ax, ay, az) = chain.Map(x, y, z);
            var (ex, ey, ez) = truth.Map(x, y, z);
            Assert.Equal(ex, ax, 9);
            Assert.Equal(ey, ay, 9);
            Assert.Equal(ez, az, 9);
        }
    }

    [Fact]
    public void The_atlases_load_as_configured_atlases_with_their_label_tables()
    {
        var layout = Cohort.Value.Layout;
        var tractNames = AtlasLabels.Read(layout.TractAtlasLabels);
        var bgNames = AtlasLabels.Read(layout.BasalGangliaAtlasLabels);
        using var tracts = VolumeFile.Read(layout.TractAtlas);
        var present = tracts.Frame(0).ToArray().Where(v => v != 0).Select(v => (int)v).ToHashSet();

        Assert.Equal(WhiteMatterTracts.All.Select(t => t.Label).Order(), present.Order());
        Assert.All(WhiteMatterTracts.All, t => Assert.Equal(t.Name, tractNames.NameOf(t.Label)));
        Assert.Equal("Basal ganglia", bgNames.NameOf(0));
        Assert.Contains("space = \"SimMNI\"", File.ReadAllText(layout.AtlasConfig));
    }

    [Fact]
    public void DKT40_and_Destrieux_stats_parse_and_keep_the_Desikan_Killiany_thickness()
    {
        var (layout, subjects) = Cohort.Value;
        var id = subjects[0].Spec.Id;
        var dk = ParcellationStats.Read(layout.AparcStats(id, 0)).Rows.ToDictionary(r => r.StructName);
        var dkt = ParcellationStats.Read(layout.DktStats(id, 0)).Rows;
        var destrieux = ParcellationStats.Read(layout.DestrieuxStats(id, 0)).Rows;

        Assert.Equal(31, dkt.Count);
        Assert.DoesNotContain(dkt, r => r.StructName is "bankssts" or "frontalpole" or "temporalpole");
        Assert.Equal(dk["precentral"].ThickAvg, dkt.Single(r => r.StructName == "precentral").ThickAvg);
        // Volumes are written rounded to mm³, so the pooled one may differ from the sum of the rounded parts by 1.
        Assert.InRange(dkt.Single(r => r.StructName == "superiorfrontal").GrayVol - (dk["superiorfrontal"].GrayVol + dk["frontalpole"].GrayVol), -1, 1);
        Assert.Equal(74, destrieux.Count);
        Assert.Equal(OtherParcellations.DestrieuxNames, destrieux.Select(r => r.StructName));
        Assert.Equal(dk["precentral"].ThickAvg, destrieux.Single(r => r.StructName == "G_precentral").ThickAvg);
    }

    [Fact]
    public void A_FLAIR_on_its_own_grid_goes_back_onto_the_T1_grid_through_its_transform()
    {
        var (layout, subjects) = Cohort.Value;
        var subject = subjects[1];
        using var flair = VolumeFile.Read(layout.Flair(subject.Spec.Id));
        using var t1 = VolumeFile.Read(layout.T1w(subject.Spec.Id));
        using var moved = VolumeMover.Move(flair, ImageGrid.Of(t1), [new TransformReference(layout.FlairToT1(subject.Spec.Id))], SpatialInterpolation.Linear, cancellationToken: TestContext.Current.CancellationToken);
        using var headerOnly = VolumeMover.Move(flair, ImageGrid.Of(t1), TransformChain.Identity, SpatialInterpolation.Linear, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(t1.Shape3, flair.Shape3);
        var truth = subject.Flair;
        var aligned = Correlation(truth, moved.Volume.Frame(0).ToArray());
        Assert.True(aligned > 0.9, $"correlation {aligned:F3} of the moved FLAIR with the FLAIR simulated on the T1 grid; expected > 0.9");
        var unaligned = Correlation(truth, headerOnly.Volume.Frame(0).ToArray());
        Assert.True(1 - aligned < (1 - unaligned) / 2, $"correlation {aligned:F4} through the transform, {unaligned:F4} by the header alone; the transform must align it");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Slope(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
    }

    private static double Dice(bool[] a, bool[] b)
    {
        int both = 0, count = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] && b[i]) both++;
            if (a[i]) count++;
            if (b[i]) count++;
        }
        return 2.0 * both / count;
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(v => (double)v), mb = b.Average(v => (double)v), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }
}

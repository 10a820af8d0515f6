using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Simulation;

/// <summary>The in-memory subject simulator, on the quick 2 mm grid.</summary>
public sealed class SubjectSimulatorTests
{
    private static readonly SimulationGrid Grid = SimulationGrid.TwoMillimetre;

    private static readonly Lazy<SimulatedSubject> Old = new(() => SubjectSimulator.Simulate(new SubjectSpec("sub-001", 78, Sex.Female, 11, 0), Grid));
    private static readonly Lazy<SimulatedSubject> Young = new(() => SubjectSimulator.Simulate(new SubjectSpec("sub-001", 20, Sex.Female, 11, 0), Grid));

    [Fact]
    public void The_same_spec_gives_identical_volumes()
    {
        var again = SubjectSimulator.Simulate(Old.Value.Spec, Grid);

        Assert.Equal(Old.Value.T1, again.T1);
        Assert.Equal(Old.Value.Flair, again.Flair);
        Assert.Equal(Old.Value.AparcAseg, again.AparcAseg);
        Assert.Equal(Old.Value.LesionProbability, again.LesionProbability);
        Assert.Equal(Old.Value.AgeEffectMask, again.AgeEffectMask);
    }

    [Fact]
    public void Simulating_without_flair_gives_the_same_t1_and_no_flair()
    {
        var t1Only = SubjectSimulator.Simulate(Old.Value.Spec, Grid, withFlair: false);

        Assert.Equal(Old.Value.T1, t1Only.T1);
        Assert.Empty(t1Only.Flair);
        Assert.Throws<InvalidOperationException>(() => t1Only.FlairVolume());
    }

    [Fact]
    public void A_different_cohort_seed_gives_a_different_subject()
    {
        var other = SubjectSimulator.Simulate(Old.Value.Spec with { CohortSeed = 12 }, Grid);

        Assert.NotEqual(Old.Value.T1, other.T1);
        Assert.NotEqual(Old.Value.Aseg, other.Aseg);
    }

    [Fact]
    public void At_the_reference_age_nothing_has_changed_with_age()
    {
        var young = Young.Value;

        Assert.DoesNotContain((byte)1, young.AgeEffectMask);
        Assert.Empty(young.Lesions);
        Assert.All(young.PvsTubes, t => Assert.True(t.Baseline));
    }

    [Fact]
    public void Ageing_enlarges_ventricles_shrinks_hippocampi_and_thins_the_cortex()
    {
        var old = Old.Value.LabelCounts();
        var young = Young.Value.LabelCounts();
        int Sum(SortedDictionary<int, int> c, params int[] labels) => labels.Sum(l => c.GetValueOrDefault(l));

        Assert.True(Sum(old, 4, 43) > 1.5 * Sum(young, 4, 43), "lateral ventricles grow by more than half");
        Assert.True(Sum(old, 17, 53) < 0.9 * Sum(young, 17, 53), "hippocampi shrink by more than 10 %");
        Assert.True(Sum(old, 3, 42) < 0.9 * Sum(young, 3, 42), "cortical ribbon loses more than 10 %");
        Assert.True(Sum(old, 24) > Sum(young, 24), "sulcal CSF increases");
    }

    [Fact]
    public void The_age_effect_mask_holds_exactly_the_changed_tissue()
    {
        var old = Old.Value;
        var young = Young.Value;
        var pvsAgeVoxels = 0;
        for (var v = 0; v < old.Aseg.Length; v++)
        {
            var relabelled = old.Aseg[v] != young.Aseg[v];
            if (relabelled) Assert.Equal(1, old.AgeEffectMask[v]);
            if (old.AgeEffectMask[v] == 1 && !relabelled && old.PvsMask[v] == 1) pvsAgeVoxels++;
            if (old.LesionMask[v] == 1) Assert.Equal(1, old.AgeEffectMask[v]);
        }
        Assert.True(pvsAgeVoxels > 0, "PVS added since 20 are age effects");
        // PVS present at 20 are not age effects.
        Assert.Contains(Enumerable.Range(0, old.Aseg.Length), v => old.PvsMask[v] == 1 && old.AgeEffectMask[v] == 0);
    }

    [Fact]
    public void Older_subjects_have_more_pvs_and_lesions()
    {
        Assert.True(Old.Value.PvsTubes.Count > 2 * Young.Value.PvsTubes.Count);
        Assert.NotEmpty(Old.Value.Lesions);
        Assert.All(Old.Value.PvsTubes, t => Assert.InRange(t.Radius, AgeingModel.PvsMinRadius, AgeingModel.PvsMaxRadius));
    }

    [Fact]
    public void Lesions_are_bright_on_flair_and_dark_on_t1_and_labelled_wm_hypointensities()
    {
        var s = Old.Value;
        var lesion = Enumerable.Range(0, s.Aseg.Length).Where(v => s.LesionMask[v] == 1).ToArray();
        var white = Enumerable.Range(0, s.Aseg.Length).Where(v => s.Aseg[v] is 2 or 41 && s.PvsMask[v] == 0).ToArray();

        Assert.True(lesion.Average(v => s.Flair[v]) > 1.3 * white.Average(v => s.Flair[v]));
        Assert.True(lesion.Average(v => s.T1[v]) < 0.9 * white.Average(v => s.T1[v]));
        Assert.All(lesion, v => Assert.Equal(AsegLabels.WmHypointensities, s.Aseg[v]));
        Assert.All(lesion, v => Assert.True(s.LesionProbability[v] > 0.5f));
    }

    [Fact]
    public void Pvs_are_dark_on_t1_and_flair_relative_to_white_matter()
    {
        var s = Old.Value;
        var pvs = Enumerable.Range(0, s.Aseg.Length).Where(v => s.PvsMask[v] == 1 && s.Aseg[v] is 2 or 41).ToArray();
        var white = Enumerable.Range(0, s.Aseg.Length).Where(v => s.Aseg[v] is 2 or 41 && s.PvsMask[v] == 0).ToArray();

        Assert.True(pvs.Average(v => s.T1[v]) < 0.9 * white.Average(v => s.T1[v]));
        Assert.True(pvs.Average(v => s.Flair[v]) < 0.9 * white.Average(v => s.Flair[v]));
    }

    [Fact]
    public void Cortex_in_aparc_aseg_is_split_into_desikan_killiany_parcels()
    {
        var s = Old.Value;
        var parcelsSeen = new HashSet<int>();
        for (var v = 0; v < s.Aseg.Length; v++)
        {
            if (s.Aseg[v] is 3 or 42)
            {
                var parcel = CorticalParcels.ForLabel(s.AparcAseg[v]);
                Assert.NotNull(parcel);
                Assert.Equal(s.Aseg[v] == 3 ? parcel.LeftLabel : parcel.RightLabel, s.AparcAseg[v]);
                parcelsSeen.Add(s.AparcAseg[v]);
            }
            else Assert.Equal(s.Aseg[v], s.AparcAseg[v]);
        }
        Assert.True(parcelsSeen.Count >= 60, $"most of the 68 parcels appear, saw {parcelsSeen.Count}");
    }

    [Fact]
    public void Parcel_sizes_follow_freesurfer_bert_s_proportions()
    {
        var bert = File.ReadLines(TestData.File("freesurfer", "bert", "stats", "lh.aparc.stats"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(c => c[0], c => double.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture));
        var simulated = Old.Value.Parcels[0];
        var x = simulated.Select(p => bert[p.Parcel.Name]).ToArray();
        var y = simulated.Select(p => p.GrayVolume).ToArray();
        double mx = x.Average(), my = y.Average();
        var r = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my))
                / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));

        Assert.True(r > 0.8, $"Pearson r between simulated and bert grey volumes is {r:F3}");
    }

    [Fact]
    public void Parcel_statistics_count_the_parcel_voxels()
    {
        var s = Old.Value;
        var counts = s.LabelCounts(aparc: true);
        foreach (var h in new[] { 0, 1 })
            foreach (var p in s.Parcels[h])
            {
                var label = h == 0 ? p.Parcel.LeftLabel : p.Parcel.RightLabel;
                Assert.Equal(counts.GetValueOrDefault(label), p.Voxels);
                Assert.Equal(p.Voxels * Grid.VoxelVolume, p.GrayVolume, 6);
            }
    }

    [Fact]
    public void Every_structure_of_the_brief_is_present_in_both_hemispheres()
    {
        var counts = Old.Value.LabelCounts();
        int[] required = [2, 41, 3, 42, 4, 43, 5, 44, 7, 46, 8, 47, 10, 49, 11, 50, 12, 51, 13, 52, 17, 53, 18, 54, 26, 58, 14, 16, 24];

        Assert.All(required, label => Assert.True(counts.GetValueOrDefault(label) > 0, $"label {label} is present"));
    }
}

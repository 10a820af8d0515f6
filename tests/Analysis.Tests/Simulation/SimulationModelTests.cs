using RelevanceRelated.Analysis.Simulation;

namespace RelevanceRelated.Analysis.Tests.Simulation;

/// <summary>The documented effect sizes, the anatomy's sex difference, the grid and the random streams.</summary>
public sealed class SimulationModelTests
{
    private static readonly SubjectAgeingRates Typical = SubjectAgeingRates.Typical;

    [Fact]
    public void Ventricle_volume_grows_by_exp_of_0_018_per_year()
    {
        var volume80 = Math.Pow(AgeingModel.VentricleScale(80, Typical), 3);

        Assert.Equal(Math.Exp(0.018 * 60), volume80, 9);
        Assert.Equal(1, AgeingModel.VentricleScale(20, Typical), 12);
    }

    [Fact]
    public void Hippocampus_loses_linearly_then_faster_after_50()
    {
        Assert.Equal(1 - 0.003 * 30, AgeingModel.HippocampusVolumeFactor(50, Typical), 12);
        Assert.Equal(1 - 0.003 * 60 - 0.0001 * 900, AgeingModel.HippocampusVolumeFactor(80, Typical), 12);
    }

    [Fact]
    public void Cortical_thinning_follows_each_parcels_slope_and_the_subjects_rate()
    {
        var precentral = CorticalParcels.All.Single(p => p.Name == "precentral");
        var fastAger = Typical with { Cortex = 1.5 };

        Assert.Equal(precentral.ThinningPerYear * 60, AgeingModel.Thinning(precentral, 80, Typical), 12);
        Assert.Equal(1.5 * AgeingModel.Thinning(precentral, 80, Typical), AgeingModel.Thinning(precentral, 80, fastAger), 12);
        Assert.All(CorticalParcels.All, p => Assert.InRange(p.ThinningPerYear, 0.003, 0.012));
    }

    [Fact]
    public void Pvs_counts_and_expected_lesions_rise_with_age()
    {
        Assert.Equal(30, AgeingModel.PvsWhiteMatterCount(20, Typical));
        Assert.Equal(240, AgeingModel.PvsWhiteMatterCount(80, Typical));
        Assert.Equal(68, AgeingModel.PvsBasalGangliaCount(80, Typical));
        Assert.Equal(0, AgeingModel.ExpectedLesions(35, Typical));
        Assert.Equal(13.5, AgeingModel.ExpectedLesions(80, Typical), 12);
    }

    [Fact]
    public void The_desikan_killiany_table_has_34_parcels_with_freesurfer_indices()
    {
        Assert.Equal(34, CorticalParcels.All.Count);
        Assert.Equal(34, CorticalParcels.All.Select(p => p.Name).Distinct().Count());
        Assert.DoesNotContain(CorticalParcels.All, p => p.Index is 0 or 4);
        Assert.Equal("insula", CorticalParcels.ForLabel(2035)!.Name);
        Assert.Equal("bankssts", CorticalParcels.ForLabel(1001)!.Name);
    }

    [Fact]
    public void Men_are_drawn_3_5_percent_larger_than_women_from_the_same_stream()
    {
        var woman = new SubjectAnatomy(new Random(5), Sex.Female);
        var man = new SubjectAnatomy(new Random(5), Sex.Male);

        Assert.Equal(1.035, man.Scale.X / woman.Scale.X, 9);
        Assert.Equal(1.035, man.Scale.Z / woman.Scale.Z, 9);
    }

    [Fact]
    public void The_one_millimetre_grid_is_lia_and_centred_on_the_scanner_position()
    {
        var grid = SimulationGrid.OneMillimetre;
        var affine = grid.Affine((1.5, -2, 3));

        Assert.Equal((176, 200, 208), (grid.Nx, grid.Ny, grid.Nz));
        Assert.Equal([-1, 0, 0, 0, 0, 1, 0, -1, 0], new[] { affine[0], affine[1], affine[2], affine[4], affine[5], affine[6], affine[8], affine[9], affine[10] });
        var (ci, cj, ck) = grid.CentreVoxel;
        Assert.Equal(1.5, affine[0] * ci + affine[3], 9);
        Assert.Equal(-2, affine[6] * ck + affine[7], 9);
        Assert.Equal(3, affine[9] * cj + affine[11], 9);
    }

    [Fact]
    public void Each_subject_and_purpose_has_its_own_seed()
    {
        var seeds = new HashSet<int>();
        for (var subject = 0; subject < 50; subject++)
            foreach (var purpose in Enum.GetValues<SeedPurpose>())
                seeds.Add(SimulationRandom.Derive(3, subject, purpose));

        Assert.Equal(50 * Enum.GetValues<SeedPurpose>().Length, seeds.Count);
        Assert.NotEqual(SimulationRandom.Derive(3, 0, SeedPurpose.Anatomy), SimulationRandom.Derive(4, 0, SeedPurpose.Anatomy));
    }

    [Fact]
    public void Voxel_noise_is_standard_normal()
    {
        var key = SimulationRandom.NoiseKey(9, SeedPurpose.T1Noise);
        var values = Enumerable.Range(0, 100_000).SelectMany(i =>
        {
            var (a, b) = SimulationRandom.VoxelGaussians(key, i);
            return new double[] { a, b };
        }).ToArray();
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));

        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(sd, 0.99, 1.01);
    }

    [Fact]
    public void Participants_do_not_depend_on_the_cohort_size()
    {
        var five = CohortSimulator.Participants(5, 21);
        var three = CohortSimulator.Participants(3, 21);

        Assert.Equal(three, five.Take(3));
        Assert.All(five, p => Assert.InRange(p.Age, 20, 80));
        Assert.Equal("sub-005", five[4].Id);
    }

    [Fact]
    public void A_bad_age_range_is_bad_input()
    {
        Assert.Throws<InvalidInputException>(() => CohortSimulator.Participants(3, 1, 80, 20));
        Assert.Throws<InvalidInputException>(() => CohortSimulator.Participants(0, 1));
    }
}

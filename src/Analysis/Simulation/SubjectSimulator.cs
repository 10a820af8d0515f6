namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// Simulates one subject in memory: anatomy from the subject's own seeds, labels at its age and at 20, PVS and
/// lesions, then T1 and FLAIR through the contrast, bias and noise models. Deterministic for a
/// <see cref="SubjectSpec"/> and grid, whatever the number of threads; the T1 does not depend on whether the FLAIR
/// is rendered (the demo model builder, which reads only T1, skips it).
/// </summary>
public static class SubjectSimulator
{
    /// <param name="template">When given, the subject's FA map in this template space is simulated too.</param>
    public static SimulatedSubject Simulate(SubjectSpec spec, SimulationGrid grid, bool withFlair = true, TemplateSpace? template = null)
    {
        if (!(spec.Age is >= 0 and <= 120)) throw new InvalidInputException($"age of {spec.Id}: expected 0 to 120 years, got {spec.Age}");
        int Seed(SeedPurpose purpose) => SimulationRandom.Derive(spec.CohortSeed, spec.Index, purpose);

        var anatomy = new SubjectAnatomy(new Random(Seed(SeedPurpose.Anatomy)), spec.Sex);
        var rates = AgeingModel.DrawRates(new Random(Seed(SeedPurpose.Ageing)), spec.Sex);
        var now = anatomy.AtAge(spec.Age, rates);
        var young = anatomy.AtAge(AgeingModel.ReferenceAge, rates);
        var labeler = new AnatomyLabeler(anatomy);
        var maps = TissueMaps.Build(grid, labeler, now, young);

        var n = grid.VoxelCount;
        var pvsFraction = new float[n];
        var pvsMask = new byte[n];
        var ageMask = maps.AgeChanged;
        var tubes = PvsGenerator.Draw(Seed(SeedPurpose.Pvs), labeler, anatomy, now, rates);
        PvsGenerator.Rasterise(tubes, grid, maps.Tissue, pvsFraction, pvsMask, ageMask);

        var lesionProbability = new float[n];
        var lesionMask = new byte[n];
        var lesions = LesionGenerator.Draw(Seed(SeedPurpose.Lesions), labeler, anatomy, now, rates);
        LesionGenerator.Rasterise(lesions, grid, maps.Tissue, lesionProbability, lesionMask);
        for (var v = 0; v < n; v++)
        {
            if (lesionMask[v] == 0) continue;
            maps.Aseg[v] = AsegLabels.WmHypointensities;
            maps.AparcAseg[v] = AsegLabels.WmHypointensities;
            ageMask[v] = 1;
        }

        var contrastRandom = new Random(Seed(SeedPurpose.Contrast));
        var contrast = new MriContrast(contrastRandom);
        var t1Bias = new BiasField(contrastRandom);
        var flairBias = new BiasField(contrastRandom);
        var t1 = contrast.Render(grid, maps.Tissue, pvsFraction, lesionProbability, flair: false);
        contrast.Acquire(grid, t1, t1Bias, SimulationRandom.NoiseKey(Seed(SeedPurpose.T1Noise), SeedPurpose.T1Noise), flair: false);
        float[] flair = [];
        if (withFlair)
        {
            flair = contrast.Render(grid, maps.Tissue, pvsFraction, lesionProbability, flair: true);
            contrast.Acquire(grid, flair, flairBias, SimulationRandom.NoiseKey(Seed(SeedPurpose.FlairNoise), SeedPurpose.FlairNoise), flair: true);
        }

        var intracranial = 0;
        foreach (var t in maps.Tissue)
            if (t is not (Tissue.Background or Tissue.Scalp or Tissue.Skull)) intracranial++;

        var (fa, tractFa) = template is null
            ? (Array.Empty<float>(), new SortedDictionary<string, double>())
            : FaSimulator.Simulate(template, labeler, now, spec.Age, Seed(SeedPurpose.Fa));

        return new SimulatedSubject
        {
            Spec = spec,
            Grid = grid,
            Affine = grid.Affine(anatomy.ScannerCentre),
            T1 = t1,
            Flair = flair,
            Aseg = maps.Aseg,
            AparcAseg = maps.AparcAseg,
            LesionProbability = lesionProbability,
            PvsMask = pvsMask,
            LesionMask = lesionMask,
            AgeEffectMask = ageMask,
            Rates = rates,
            PvsTubes = tubes,
            Lesions = lesions,
            Parcels = [ParcelStats(maps, 0, grid), ParcelStats(maps, 1, grid)],
            IntracranialVoxels = intracranial,
            ScannerCentre = anatomy.ScannerCentre,
            TemplateScale = anatomy.Scale,
            Template = template,
            FractionalAnisotropy = fa,
            TractFa = tractFa,
        };
    }

    private static IReadOnlyList<ParcelStatistics> ParcelStats(TissueMaps maps, int hemisphere, SimulationGrid grid)
    {
        var list = new List<ParcelStatistics>();
        for (var p = 0; p < CorticalParcels.All.Count; p++)
        {
            var count = maps.ParcelSums[hemisphere, p, 0];
            var mean = count > 0 ? maps.ParcelSums[hemisphere, p, 1] / count : 0;
            var variance = count > 1 ? Math.Max(0, (maps.ParcelSums[hemisphere, p, 2] - count * mean * mean) / (count - 1)) : 0;
            var volume = count * grid.VoxelVolume;
            list.Add(new ParcelStatistics(CorticalParcels.All[p], (int)count, volume, mean, Math.Sqrt(variance),
                mean > 0 ? volume / mean : 0,
                count > 0 ? maps.ParcelSums[hemisphere, p, 3] / count : 0,
                count > 0 ? maps.ParcelSums[hemisphere, p, 4] / count : 0));
        }
        return list;
    }
}

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// A subject's fractional-anisotropy map in template space, as TBSS-style pipelines deliver it (FA registered to MNI,
/// zero outside the brain): the subject's own tissue at each template point (its anatomy classified there, so the map
/// is what a perfect nonlinear registration would give), a typical FA per tissue, and inside the JHU-like tracts
/// (<see cref="WhiteMatterTracts"/>) the tract's FA at the subject's age plus a subject offset (SD 0.015), with voxel
/// noise (SD 0.02). The tract values without noise are the ground truth.
/// </summary>
internal static class FaSimulator
{
    public const double SubjectOffsetSd = 0.015;
    public const double VoxelNoiseSd = 0.02;

    public static (float[] Fa, SortedDictionary<string, double> TractFa) Simulate(TemplateSpace template, AnatomyLabeler labeler,
        AnatomyAtAge now, double age, int seed)
    {
        var random = new Random(seed);
        var tracts = WhiteMatterTracts.All;
        var truth = new double[tracts.Count];
        for (var t = 0; t < tracts.Count; t++) truth[t] = tracts[t].FaAt(age) + random.Gaussian(0, SubjectOffsetSd);
        var noiseKey = SimulationRandom.NoiseKey(seed, SeedPurpose.Fa);
        var fa = new float[template.VoxelCount];
        Parallel.For(0, template.Nz, k =>
        {
            for (var j = 0; j < template.Ny; j++)
                for (var i = 0; i < template.Nx; i++)
                {
                    var (x, y, z) = template.Point(i, j, k);
                    var tissue = labeler.Classify(x, y, z, now).Tissue;
                    var index = i + template.Nx * (j + template.Ny * k);
                    if (TissueFa(tissue) is not { } value) continue;
                    if (tissue == Tissue.WhiteMatter && WhiteMatterTracts.At(x, y, z) is { } tract)
                        value = truth[IndexOf(tracts, tract)];
                    var (noise, _) = SimulationRandom.VoxelGaussians(noiseKey, index);
                    fa[index] = (float)Math.Clamp(value + VoxelNoiseSd * noise, 0, 1);
                }
        });
        var byName = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var t = 0; t < tracts.Count; t++) byName[tracts[t].Name] = truth[t];
        return (fa, byName);
    }

    /// <summary>Typical FA of a tissue outside the tracts; null outside the brain (the map is zero there).</summary>
    private static double? TissueFa(Tissue tissue) => tissue switch
    {
        Tissue.WhiteMatter => 0.42,
        Tissue.CerebellumWhite => 0.45,
        Tissue.BrainStem => 0.50,
        Tissue.Thalamus or Tissue.Pallidum => 0.30,
        Tissue.Caudate or Tissue.Putamen or Tissue.Accumbens or Tissue.Hippocampus or Tissue.Amygdala => 0.20,
        Tissue.CorticalGrey or Tissue.CerebellumCortex => 0.16,
        Tissue.Csf => 0.08,
        _ => null,
    };

    private static int IndexOf(IReadOnlyList<WhiteMatterTract> tracts, WhiteMatterTract tract)
    {
        for (var t = 0; t < tracts.Count; t++)
            if (ReferenceEquals(tracts[t], tract)) return t;
        return -1;
    }
}

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// The known effect sizes of ageing in the simulation, relative to the same subject at
/// <see cref="ReferenceAge"/> (20 years). Each effect is multiplied by a subject's own log-normal rate factor
/// (<see cref="SubjectAgeingRates"/>), so age is not perfectly predictable from any one of them.
/// <list type="bullet">
/// <item>Lateral, third and inferior-lateral ventricles: volume × exp(0.018 · (age − 20) · k_v), i.e. × 2.9 at 80
///   (k_v: SD of log 0.25; men × 1.1). Ventricles grow into white matter.</item>
/// <item>Hippocampus: volume × (1 − 0.003 · (age − 20) − 0.0001 · max(0, age − 50)²) applied with rate k_h
///   (SD of log 0.2), i.e. −27 % at 80; the space it leaves joins the temporal horn (inferior-lateral ventricle).</item>
/// <item>Cortical ribbon: thickness − s_p · k_c · (age − 20) mm with parcel slopes s_p of 0.003–0.012 mm/year
///   (<see cref="CorticalParcels"/>; k_c: SD of log 0.2); the pial side recedes, so sulci and the
///   interhemispheric fissure widen with CSF.</item>
/// <item>Perivascular spaces (tubes of radius 0.5–1.5 mm, CSF-like): 30 + 3.5 · k_p · (age − 20) in white matter and
///   8 + 1.0 · k_p · (age − 20) in the basal ganglia (k_p: SD of log 0.3), i.e. about 240 and 68 at 80.</item>
/// <item>White-matter lesions (bright on FLAIR, dark on T1): Poisson count with mean 0.3 · k_l · max(0, age − 35)
///   (k_l: SD of log 0.5), i.e. about 13 at 80, 60 % periventricular; radius 1.5–3 mm plus 0.05 mm per year over 35.</item>
/// </list>
/// The age-effect mask of a subject holds the voxels whose tissue differs from the same subject at 20: cortex
/// turned to CSF, white matter turned to ventricle, hippocampus turned to temporal horn, the PVS beyond the
/// baseline count, and every lesion.
/// </summary>
public static class AgeingModel
{
    public const double ReferenceAge = 20;

    public const double VentricleLogVolumePerYear = 0.018;
    public const double MaleVentricleRate = 1.1;
    public const double HippocampusLinearLossPerYear = 0.003;
    public const double HippocampusQuadraticLoss = 0.0001;
    public const double HippocampusQuadraticOnset = 50;

    public const double PvsWhiteMatterBaseline = 30;
    public const double PvsWhiteMatterPerYear = 3.5;
    public const double PvsBasalGangliaBaseline = 8;
    public const double PvsBasalGangliaPerYear = 1.0;
    public const double PvsMinRadius = 0.5;
    public const double PvsMaxRadius = 1.5;

    public const double LesionOnsetAge = 35;
    public const double LesionsPerYear = 0.3;
    public const double LesionPeriventricularFraction = 0.6;

    /// <summary>Linear scale of the ventricles relative to age 20 (cube root of the volume factor).</summary>
    public static double VentricleScale(double age, SubjectAgeingRates rates) =>
        Math.Exp(VentricleLogVolumePerYear * rates.Ventricles * Years(age) / 3);

    /// <summary>Hippocampal volume relative to age 20 (never below 0.4).</summary>
    public static double HippocampusVolumeFactor(double age, SubjectAgeingRates rates)
    {
        var late = Math.Max(0, age - HippocampusQuadraticOnset);
        var loss = (HippocampusLinearLossPerYear * Years(age) + HippocampusQuadraticLoss * late * late) * rates.Hippocampus;
        return Math.Max(0.4, 1 - loss);
    }

    /// <summary>Cortical thinning (mm) of a parcel since age 20.</summary>
    public static double Thinning(CorticalParcel parcel, double age, SubjectAgeingRates rates) =>
        parcel.ThinningPerYear * rates.Cortex * Years(age);

    /// <summary>Number of white-matter PVS at <paramref name="age"/>; the first ones (the baseline) exist at 20.</summary>
    public static int PvsWhiteMatterCount(double age, SubjectAgeingRates rates) =>
        (int)Math.Round(PvsWhiteMatterBaseline + PvsWhiteMatterPerYear * rates.Pvs * Years(age));

    public static int PvsBasalGangliaCount(double age, SubjectAgeingRates rates) =>
        (int)Math.Round(PvsBasalGangliaBaseline + PvsBasalGangliaPerYear * rates.Pvs * Years(age));

    /// <summary>Expected number of white-matter lesions.</summary>
    public static double ExpectedLesions(double age, SubjectAgeingRates rates) =>
        LesionsPerYear * rates.Lesions * Math.Max(0, age - LesionOnsetAge);

    /// <summary>Draws a subject's individual rate factors.</summary>
    public static SubjectAgeingRates DrawRates(Random random, Sex sex) => new(
        Ventricles: random.LogNormalFactor(0.25) * (sex == Sex.Male ? MaleVentricleRate : 1),
        Hippocampus: random.LogNormalFactor(0.2),
        Cortex: random.LogNormalFactor(0.2),
        Pvs: random.LogNormalFactor(0.3),
        Lesions: random.LogNormalFactor(0.5));

    private static double Years(double age) => Math.Max(0, age - ReferenceAge);
}

/// <summary>A subject's individual ageing rates (1 = the cohort's typical rate).</summary>
public sealed record SubjectAgeingRates(double Ventricles, double Hippocampus, double Cortex, double Pvs, double Lesions)
{
    public static SubjectAgeingRates Typical { get; } = new(1, 1, 1, 1, 1);
}

public enum Sex
{
    Female,
    Male,
}

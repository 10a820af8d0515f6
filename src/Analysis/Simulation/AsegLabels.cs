namespace RelevanceRelated.Analysis.Simulation;

/// <summary>FreeSurfer aseg label codes and names (FreeSurferColorLUT) used by the simulation.</summary>
public static class AsegLabels
{
    public const int LeftWhiteMatter = 2, LeftCortex = 3, LeftLateralVentricle = 4, LeftInfLatVent = 5;
    public const int LeftCerebellumWhite = 7, LeftCerebellumCortex = 8, LeftThalamus = 10, LeftCaudate = 11;
    public const int LeftPutamen = 12, LeftPallidum = 13, ThirdVentricle = 14, FourthVentricle = 15, BrainStem = 16;
    public const int LeftHippocampus = 17, LeftAmygdala = 18, Csf = 24, LeftAccumbens = 26;
    public const int RightWhiteMatter = 41, RightCortex = 42, RightLateralVentricle = 43, RightInfLatVent = 44;
    public const int RightCerebellumWhite = 46, RightCerebellumCortex = 47, RightThalamus = 49, RightCaudate = 50;
    public const int RightPutamen = 51, RightPallidum = 52, RightHippocampus = 53, RightAmygdala = 54, RightAccumbens = 58;
    public const int WmHypointensities = 77;

    /// <summary>The rows of aseg.stats, in FreeSurfer's order (cortex and cerebral white matter are excluded there).</summary>
    public static IReadOnlyList<(int Id, string Name)> StatsRows { get; } =
    [
        (4, "Left-Lateral-Ventricle"), (5, "Left-Inf-Lat-Vent"), (7, "Left-Cerebellum-White-Matter"),
        (8, "Left-Cerebellum-Cortex"), (10, "Left-Thalamus"), (11, "Left-Caudate"), (12, "Left-Putamen"),
        (13, "Left-Pallidum"), (14, "3rd-Ventricle"), (15, "4th-Ventricle"), (16, "Brain-Stem"),
        (17, "Left-Hippocampus"), (18, "Left-Amygdala"), (24, "CSF"), (26, "Left-Accumbens-area"),
        (28, "Left-VentralDC"), (30, "Left-vessel"), (31, "Left-choroid-plexus"),
        (43, "Right-Lateral-Ventricle"), (44, "Right-Inf-Lat-Vent"), (46, "Right-Cerebellum-White-Matter"),
        (47, "Right-Cerebellum-Cortex"), (49, "Right-Thalamus"), (50, "Right-Caudate"), (51, "Right-Putamen"),
        (52, "Right-Pallidum"), (53, "Right-Hippocampus"), (54, "Right-Amygdala"), (58, "Right-Accumbens-area"),
        (60, "Right-VentralDC"), (62, "Right-vessel"), (63, "Right-choroid-plexus"), (72, "5th-Ventricle"),
        (77, "WM-hypointensities"), (78, "Left-WM-hypointensities"), (79, "Right-WM-hypointensities"),
        (80, "non-WM-hypointensities"), (81, "Left-non-WM-hypointensities"), (82, "Right-non-WM-hypointensities"),
        (85, "Optic-Chiasm"), (251, "CC_Posterior"), (252, "CC_Mid_Posterior"), (253, "CC_Central"),
        (254, "CC_Mid_Anterior"), (255, "CC_Anterior"),
    ];

    /// <summary>The aseg label of a tissue in one hemisphere (0 for tissue FreeSurfer leaves unlabelled).</summary>
    public static int For(Tissue tissue, bool left) => tissue switch
    {
        Tissue.CorticalGrey => left ? LeftCortex : RightCortex,
        Tissue.WhiteMatter => left ? LeftWhiteMatter : RightWhiteMatter,
        Tissue.Thalamus => left ? LeftThalamus : RightThalamus,
        Tissue.Caudate => left ? LeftCaudate : RightCaudate,
        Tissue.Putamen => left ? LeftPutamen : RightPutamen,
        Tissue.Pallidum => left ? LeftPallidum : RightPallidum,
        Tissue.Hippocampus => left ? LeftHippocampus : RightHippocampus,
        Tissue.Amygdala => left ? LeftAmygdala : RightAmygdala,
        Tissue.Accumbens => left ? LeftAccumbens : RightAccumbens,
        Tissue.BrainStem => BrainStem,
        Tissue.CerebellumCortex => left ? LeftCerebellumCortex : RightCerebellumCortex,
        Tissue.CerebellumWhite => left ? LeftCerebellumWhite : RightCerebellumWhite,
        _ => 0,
    };

    /// <summary>Labels counted as ventricles (VentricleChoroidVol).</summary>
    public static bool IsVentricle(int label) => label is 4 or 5 or 14 or 15 or 31 or 43 or 44 or 63 or 72;

    /// <summary>Labels counted as subcortical grey matter (SubCortGrayVol).</summary>
    public static bool IsSubcorticalGrey(int label) => label is 10 or 11 or 12 or 13 or 17 or 18 or 26 or 28 or 49 or 50 or 51 or 52 or 53 or 54 or 58 or 60;

    /// <summary>Cerebellum and brain stem (excluded from SupraTentorialVol).</summary>
    public static bool IsInfratentorial(int label) => label is 7 or 8 or 15 or 16 or 46 or 47;
}

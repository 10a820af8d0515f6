namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// One Desikan–Killiany parcel: its FreeSurfer name and index (label 1000 + index on the left, 2000 + index on the
/// right), where it lies on a hemisphere (a direction from the hemisphere's centre: lateral, anterior, superior),
/// its cortical thickness at age 20 (mm) and its thinning slope (mm per year).
/// </summary>
public sealed record CorticalParcel(string Name, int Index, double Lateral, double Anterior, double Superior,
    double Thickness20, double ThinningPerYear)
{
    public int LeftLabel => 1000 + Index;
    public int RightLabel => 2000 + Index;
}

/// <summary>
/// The 34 Desikan–Killiany parcels (FreeSurfer's aparc, without "unknown" and "corpuscallosum"), in the order
/// of FreeSurfer's aparc.stats. The cortical ribbon is split among them by nearest seed direction, so each
/// parcel occupies roughly its anatomical place (frontal pole at the front, cuneus medial-occipital, ...).
/// Thinning slopes follow the pattern reported by Salat et al. 2004 and Fjell et al. 2009 (strongest in
/// prefrontal, precentral, insular and lateral temporal cortex; weakest in medial temporal and occipital
/// cortex), scaled about two-fold so that the change is visible at 1–2 mm voxels: 0.003 to 0.012 mm/year,
/// i.e. 0.2 to 0.7 mm between ages 20 and 80.
/// </summary>
public static class CorticalParcels
{
    public static IReadOnlyList<CorticalParcel> All { get; } =
    [
        new("bankssts", 1, 0.90, -0.35, -0.15, 2.75, 0.0070),
        new("caudalanteriorcingulate", 2, -0.95, 0.30, 0.30, 2.75, 0.0050),
        new("caudalmiddlefrontal", 3, 0.60, 0.30, 0.70, 2.80, 0.0110),
        new("cuneus", 5, -0.60, -0.75, 0.10, 2.05, 0.0035),
        new("entorhinal", 6, -0.30, 0.20, -0.90, 3.40, 0.0030),
        new("fusiform", 7, 0.00, -0.40, -0.90, 2.85, 0.0055),
        new("inferiorparietal", 8, 0.70, -0.65, 0.30, 2.75, 0.0080),
        new("inferiortemporal", 9, 0.60, -0.20, -0.80, 2.95, 0.0065),
        new("isthmuscingulate", 10, -0.90, -0.50, 0.05, 2.60, 0.0040),
        new("lateraloccipital", 11, 0.50, -0.85, -0.10, 2.35, 0.0045),
        new("lateralorbitofrontal", 12, 0.40, 0.70, -0.60, 2.85, 0.0080),
        new("lingual", 13, -0.55, -0.70, -0.45, 2.10, 0.0035),
        new("medialorbitofrontal", 14, -0.40, 0.70, -0.55, 2.60, 0.0060),
        new("middletemporal", 15, 0.90, -0.10, -0.45, 3.05, 0.0080),
        new("parahippocampal", 16, -0.50, -0.20, -0.80, 2.80, 0.0030),
        new("paracentral", 17, -0.60, -0.10, 0.75, 2.60, 0.0070),
        new("parsopercularis", 18, 0.90, 0.30, 0.10, 2.80, 0.0110),
        new("parsorbitalis", 19, 0.70, 0.65, -0.20, 2.90, 0.0100),
        new("parstriangularis", 20, 0.85, 0.50, 0.05, 2.65, 0.0110),
        new("pericalcarine", 21, -0.50, -0.85, -0.05, 1.75, 0.0030),
        new("postcentral", 22, 0.60, -0.25, 0.75, 2.25, 0.0070),
        new("posteriorcingulate", 23, -0.95, -0.15, 0.35, 2.60, 0.0050),
        new("precentral", 24, 0.60, 0.00, 0.80, 2.75, 0.0120),
        new("precuneus", 25, -0.70, -0.60, 0.40, 2.55, 0.0075),
        new("rostralanteriorcingulate", 26, -0.90, 0.60, 0.00, 3.00, 0.0050),
        new("rostralmiddlefrontal", 27, 0.50, 0.80, 0.30, 2.55, 0.0115),
        new("superiorfrontal", 28, -0.20, 0.50, 0.85, 2.95, 0.0120),
        new("superiorparietal", 29, 0.30, -0.60, 0.75, 2.40, 0.0080),
        new("superiortemporal", 30, 0.90, 0.00, -0.20, 2.90, 0.0100),
        new("supramarginal", 31, 0.85, -0.35, 0.40, 2.75, 0.0090),
        new("frontalpole", 32, 0.00, 1.00, 0.00, 2.85, 0.0070),
        new("temporalpole", 33, 0.55, 0.60, -0.55, 3.60, 0.0040),
        new("transversetemporal", 34, 0.85, -0.15, 0.00, 2.40, 0.0085),
        new("insula", 35, 0.95, 0.20, -0.05, 3.05, 0.0100),
    ];

    /// <summary>The parcel whose aparc label is <paramref name="label"/> (1001–1035 or 2001–2035), or null.</summary>
    public static CorticalParcel? ForLabel(int label)
    {
        var index = label is > 1000 and < 1100 ? label - 1000 : label is > 2000 and < 2100 ? label - 2000 : -1;
        foreach (var p in All)
            if (p.Index == index) return p;
        return null;
    }

    /// <summary>Unit seed directions (lateral, anterior, superior) in <see cref="All"/> order.</summary>
    internal static double[] UnitDirections()
    {
        var d = new double[All.Count * 3];
        for (var n = 0; n < All.Count; n++)
        {
            var p = All[n];
            var norm = Math.Sqrt(p.Lateral * p.Lateral + p.Anterior * p.Anterior + p.Superior * p.Superior);
            d[3 * n] = p.Lateral / norm;
            d[3 * n + 1] = p.Anterior / norm;
            d[3 * n + 2] = p.Superior / norm;
        }
        return d;
    }
}

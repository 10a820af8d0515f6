namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// One Desikan–Killiany parcel: its FreeSurfer name and index (label 1000 + index on the left, 2000 + index on the
/// right), where it lies on a hemisphere (a direction from the hemisphere's centre: lateral, anterior, superior),
/// its cortical thickness at age 20 (mm), its thinning slope (mm per year) and the bias added to its seed's dot
/// product when the ribbon is split (so that parcels get FreeSurfer's relative sizes).
/// </summary>
public sealed record CorticalParcel(string Name, int Index, double Lateral, double Anterior, double Superior,
    double Thickness20, double ThinningPerYear, double Bias)
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
/// i.e. 0.2 to 0.7 mm between ages 20 and 80. The biases are fitted by scripts/simulation/calibrate_parcel_bias.py
/// so that each parcel's share of the cortical surface matches its share of grey matter in FreeSurfer's bert.
/// </summary>
public static class CorticalParcels
{
    public static IReadOnlyList<CorticalParcel> All { get; } =
    [
        new("bankssts", 1, 0.90, -0.35, -0.15, 2.75, 0.0070, 0.381),
        new("caudalanteriorcingulate", 2, -0.95, 0.30, 0.30, 2.75, 0.0050, -0.418),
        new("caudalmiddlefrontal", 3, 0.60, 0.30, 0.70, 2.80, 0.0110, 0.107),
        new("cuneus", 5, -0.60, -0.75, 0.10, 2.05, 0.0035, -0.354),
        new("entorhinal", 6, -0.30, 0.20, -0.90, 3.40, 0.0030, -0.259),
        new("fusiform", 7, 0.00, -0.40, -0.90, 2.85, 0.0055, 0.025),
        new("inferiorparietal", 8, 0.70, -0.65, 0.30, 2.75, 0.0080, 0.256),
        new("inferiortemporal", 9, 0.60, -0.20, -0.80, 2.95, 0.0065, 0.245),
        new("isthmuscingulate", 10, -0.90, -0.50, 0.05, 2.60, 0.0040, -0.299),
        new("lateraloccipital", 11, 0.50, -0.85, -0.10, 2.35, 0.0045, 0.088),
        new("lateralorbitofrontal", 12, 0.40, 0.70, -0.60, 2.85, 0.0080, -0.086),
        new("lingual", 13, -0.55, -0.70, -0.45, 2.10, 0.0035, -0.292),
        new("medialorbitofrontal", 14, -0.40, 0.70, -0.55, 2.60, 0.0060, -0.396),
        new("middletemporal", 15, 0.90, -0.10, -0.45, 3.05, 0.0080, 0.477),
        new("parahippocampal", 16, -0.50, -0.20, -0.80, 2.80, 0.0030, -0.113),
        new("paracentral", 17, -0.60, -0.10, 0.75, 2.60, 0.0070, -0.409),
        new("parsopercularis", 18, 0.90, 0.30, 0.10, 2.80, 0.0110, 0.413),
        new("parsorbitalis", 19, 0.70, 0.65, -0.20, 2.90, 0.0100, 0.103),
        new("parstriangularis", 20, 0.85, 0.50, 0.05, 2.65, 0.0110, 0.299),
        new("pericalcarine", 21, -0.50, -0.85, -0.05, 1.75, 0.0030, -0.361),
        new("postcentral", 22, 0.60, -0.25, 0.75, 2.25, 0.0070, 0.185),
        new("posteriorcingulate", 23, -0.95, -0.15, 0.35, 2.60, 0.0050, -0.343),
        new("precentral", 24, 0.60, 0.00, 0.80, 2.75, 0.0120, 0.170),
        new("precuneus", 25, -0.70, -0.60, 0.40, 2.55, 0.0075, -0.321),
        new("rostralanteriorcingulate", 26, -0.90, 0.60, 0.00, 3.00, 0.0050, -0.435),
        new("rostralmiddlefrontal", 27, 0.50, 0.80, 0.30, 2.55, 0.0115, 0.017),
        new("superiorfrontal", 28, -0.20, 0.50, 0.85, 2.95, 0.0120, -0.240),
        new("superiorparietal", 29, 0.30, -0.60, 0.75, 2.40, 0.0080, -0.022),
        new("superiortemporal", 30, 0.90, 0.00, -0.20, 2.90, 0.0100, 0.574),
        new("supramarginal", 31, 0.85, -0.35, 0.40, 2.75, 0.0090, 0.412),
        new("frontalpole", 32, 0.00, 1.00, 0.00, 2.85, 0.0070, -0.388),
        new("temporalpole", 33, 0.55, 0.60, -0.55, 3.60, 0.0040, 0.006),
        new("transversetemporal", 34, 0.85, -0.15, 0.00, 2.40, 0.0085, 0.474),
        new("insula", 35, 0.95, 0.20, -0.05, 3.05, 0.0100, 0.504),
    ];

    /// <summary>The parcel whose aparc label is <paramref name="label"/> (1001–1035 or 2001–2035), or null.</summary>
    public static CorticalParcel? ForLabel(int label)
    {
        var index = label is > 1000 and < 1100 ? label - 1000 : label is > 2000 and < 2100 ? label - 2000 : -1;
        foreach (var p in All)
            if (p.Index == index) return p;
        return null;
    }

    /// <summary>The split biases in <see cref="All"/> order.</summary>
    internal static double[] Biases() => All.Select(p => p.Bias).ToArray();

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

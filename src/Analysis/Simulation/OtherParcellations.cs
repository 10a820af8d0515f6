namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// The simulated cortex's DKT40 and Destrieux (a2009s) parcellations, derived from its Desikan–Killiany parcels (the
/// only ones the model draws): DKT40 is Desikan–Killiany without the banks of the superior temporal sulcus, the frontal
/// pole and the temporal pole, which the DKT protocol merges into their neighbours; each Destrieux region takes an equal
/// share of the Desikan–Killiany parcel it lies in (<see cref="DestrieuxParent"/>, by name), keeping its thickness. So
/// every parcellation's thickness falls with age as the parcels it came from do.
/// </summary>
public static class OtherParcellations
{
    /// <summary>The parcels DKT40 drops and where their statistics go.</summary>
    public static IReadOnlyDictionary<string, string> DktMerges { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bankssts"] = "superiortemporal",
        ["frontalpole"] = "superiorfrontal",
        ["temporalpole"] = "superiortemporal",
    };

    /// <summary>The 74 Destrieux regions of <c>?h.aparc.a2009s.stats</c>, in FreeSurfer's order (without Medial_wall).</summary>
    public static IReadOnlyList<string> DestrieuxNames { get; } =
    [
        "G_and_S_frontomargin", "G_and_S_occipital_inf", "G_and_S_paracentral", "G_and_S_subcentral", "G_and_S_transv_frontopol",
        "G_and_S_cingul-Ant", "G_and_S_cingul-Mid-Ant", "G_and_S_cingul-Mid-Post", "G_cingul-Post-dorsal", "G_cingul-Post-ventral",
        "G_cuneus", "G_front_inf-Opercular", "G_front_inf-Orbital", "G_front_inf-Triangul", "G_front_middle", "G_front_sup",
        "G_Ins_lg_and_S_cent_ins", "G_insular_short", "G_occipital_middle", "G_occipital_sup", "G_oc-temp_lat-fusifor",
        "G_oc-temp_med-Lingual", "G_oc-temp_med-Parahip", "G_orbital", "G_pariet_inf-Angular", "G_pariet_inf-Supramar",
        "G_parietal_sup", "G_postcentral", "G_precentral", "G_precuneus", "G_rectus", "G_subcallosal", "G_temp_sup-G_T_transv",
        "G_temp_sup-Lateral", "G_temp_sup-Plan_polar", "G_temp_sup-Plan_tempo", "G_temporal_inf", "G_temporal_middle",
        "Lat_Fis-ant-Horizont", "Lat_Fis-ant-Vertical", "Lat_Fis-post", "Pole_occipital", "Pole_temporal", "S_calcarine",
        "S_central", "S_cingul-Marginalis", "S_circular_insula_ant", "S_circular_insula_inf", "S_circular_insula_sup",
        "S_collat_transv_ant", "S_collat_transv_post", "S_front_inf", "S_front_middle", "S_front_sup", "S_interm_prim-Jensen",
        "S_intrapariet_and_P_trans", "S_oc_middle_and_Lunatus", "S_oc_sup_and_transversal", "S_occipital_ant", "S_oc-temp_lat",
        "S_oc-temp_med_and_Lingual", "S_orbital_lateral", "S_orbital_med-olfact", "S_orbital-H_Shaped", "S_parieto_occipital",
        "S_pericallosal", "S_postcentral", "S_precentral-inf-part", "S_precentral-sup-part", "S_suborbital", "S_subparietal",
        "S_temporal_inf", "S_temporal_sup", "S_temporal_transverse",
    ];

    /// <summary>Name fragments of Destrieux regions and the Desikan–Killiany parcel each lies in; the first match wins.</summary>
    private static readonly (string Fragment, string Parcel)[] Parents =
    [
        ("frontomargin", "rostralmiddlefrontal"), ("transv_frontopol", "frontalpole"), ("occipital_inf", "lateraloccipital"),
        ("paracentral", "paracentral"), ("subcentral", "postcentral"), ("cingul-Ant", "rostralanteriorcingulate"),
        ("cingul-Mid-Ant", "caudalanteriorcingulate"), ("cingul-Mid-Post", "posteriorcingulate"), ("cingul-Post", "isthmuscingulate"),
        ("cingul-Marginalis", "paracentral"), ("pericallosal", "posteriorcingulate"), ("subcallosal", "medialorbitofrontal"),
        ("precuneus", "precuneus"), ("cuneus", "cuneus"), ("Opercular", "parsopercularis"), ("inf-Orbital", "parsorbitalis"),
        ("Triangul", "parstriangularis"), ("Lat_Fis-ant", "parstriangularis"), ("front_inf", "parsopercularis"),
        ("front_middle", "rostralmiddlefrontal"), ("front_sup", "superiorfrontal"), ("nsula", "insula"), ("Ins_", "insula"),
        ("Lat_Fis-post", "supramarginal"), ("fusifor", "fusiform"), ("Lingual", "lingual"), ("Parahip", "parahippocampal"),
        ("collat_transv", "parahippocampal"), ("oc-temp_lat", "inferiortemporal"), ("calcarine", "pericalcarine"),
        ("parieto_occipital", "superiorparietal"), ("Pole_occipital", "lateraloccipital"), ("occipital", "lateraloccipital"),
        ("oc_", "lateraloccipital"), ("Pole_temporal", "temporalpole"), ("T_transv", "transversetemporal"),
        ("temporal_transverse", "transversetemporal"), ("Plan_polar", "superiortemporal"), ("Plan_tempo", "superiortemporal"),
        ("temp_sup", "superiortemporal"), ("temporal_sup", "superiortemporal"), ("temporal_middle", "middletemporal"),
        ("temporal_inf", "inferiortemporal"), ("Angular", "inferiorparietal"), ("Supramar", "supramarginal"),
        ("interm_prim", "inferiorparietal"), ("intrapariet", "superiorparietal"), ("parietal_sup", "superiorparietal"),
        ("subparietal", "precuneus"), ("postcentral", "postcentral"), ("precentral", "precentral"), ("central", "precentral"),
        ("rectus", "medialorbitofrontal"), ("suborbital", "medialorbitofrontal"), ("orbital_med", "medialorbitofrontal"),
        ("orbital", "lateralorbitofrontal"),
    ];

    /// <summary>The Desikan–Killiany parcel a Destrieux region lies in.</summary>
    public static string DestrieuxParent(string region) =>
        Parents.FirstOrDefault(p => region.Contains(p.Fragment, StringComparison.Ordinal)).Parcel
        ?? throw new ArgumentException($"Destrieux region '{region}' has no parent parcel.", nameof(region));

    /// <summary>DKT40 rows of one hemisphere: the merged parcels' statistics pooled (area-weighted thickness).</summary>
    public static IReadOnlyList<(string Name, ParcelStatistics Stats)> Dkt40(IReadOnlyList<ParcelStatistics> parcels)
    {
        var byName = parcels.ToDictionary(p => p.Parcel.Name, StringComparer.Ordinal);
        return [.. parcels.Where(p => !DktMerges.ContainsKey(p.Parcel.Name))
            .Select(p => (p.Parcel.Name, Pool([p, .. DktMerges.Where(m => m.Value == p.Parcel.Name && byName.ContainsKey(m.Key)).Select(m => byName[m.Key])])))];
    }

    /// <summary>Destrieux rows of one hemisphere: each region an equal share of its parent parcel.</summary>
    public static IReadOnlyList<(string Name, ParcelStatistics Stats)> Destrieux(IReadOnlyList<ParcelStatistics> parcels)
    {
        var byName = parcels.ToDictionary(p => p.Parcel.Name, StringComparer.Ordinal);
        var children = DestrieuxNames.GroupBy(DestrieuxParent, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. DestrieuxNames.Select(name =>
        {
            var parent = byName[DestrieuxParent(name)];
            var share = 1.0 / children[parent.Parcel.Name];
            return (name, parent with
            {
                Voxels = (int)Math.Round(parent.Voxels * share), GrayVolume = parent.GrayVolume * share, SurfaceArea = parent.SurfaceArea * share,
            });
        })];
    }

    private static ParcelStatistics Pool(IReadOnlyList<ParcelStatistics> parts)
    {
        if (parts.Count == 1) return parts[0];
        var area = parts.Sum(p => p.SurfaceArea);
        double Weighted(Func<ParcelStatistics, double> value) => area > 0 ? parts.Sum(p => value(p) * p.SurfaceArea) / area : 0;
        var thickness = Weighted(p => p.ThicknessMean);
        // Pooled SD: within-part variance plus the spread of the part means.
        var variance = Weighted(p => p.ThicknessSd * p.ThicknessSd + (p.ThicknessMean - thickness) * (p.ThicknessMean - thickness));
        return parts[0] with
        {
            Voxels = parts.Sum(p => p.Voxels), GrayVolume = parts.Sum(p => p.GrayVolume), ThicknessMean = thickness,
            ThicknessSd = Math.Sqrt(variance), SurfaceArea = area, MeanCurvature = Weighted(p => p.MeanCurvature),
            GaussianCurvature = Weighted(p => p.GaussianCurvature),
        };
    }
}

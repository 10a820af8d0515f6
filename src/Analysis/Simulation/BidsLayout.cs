namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// Where a simulated cohort's files go, BIDS-like:
/// <code>
/// participants.tsv, dataset_description.json
/// sub-XXX/anat/sub-XXX_T1w.nii.gz, sub-XXX_FLAIR.nii.gz
/// derivatives/freesurfer/sub-XXX/mri/{aseg,aparc+aseg}.mgz, stats/{aseg,lh.aparc,rh.aparc}.stats
/// derivatives/lesions/sub-XXX/ples_lpa_mFLAIR.nii.gz
/// derivatives/groundtruth/sub-XXX/sub-XXX_{pvs,lesions,ageeffect}.nii.gz, sub-XXX_truth.json
/// derivatives/freesurfer/sub-XXX/stats/{lh,rh}.aparc.DKTatlas40.stats, {lh,rh}.aparc.a2009s.stats
/// derivatives/transforms/sub-XXX/sub-XXX_to-SimMNI_0GenericAffine.mat (antsRegistration, template fixed, subject moving)
/// derivatives/transforms/sub-XXX/sub-XXX_from-FLAIR_to-T1w_mode-image_xfm.mat (with simulate --flair-own-grid)
/// derivatives/fa/sub-XXX/sub-XXX_space-SimMNI_FA.nii.gz
/// derivatives/atlases/tpl-SimMNI_atlas-JHU_dseg.{nii.gz,xml}, tpl-SimMNI_label-BG_probseg.{nii.gz,xml}, atlases.toml
/// </code>
/// </summary>
public sealed class BidsLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Participants => Path.Combine(Root, "participants.tsv");
    public string DatasetDescription => Path.Combine(Root, "dataset_description.json");

    public string Anat(string id) => Path.Combine(Root, id, "anat");
    public string T1w(string id) => Path.Combine(Anat(id), $"{id}_T1w.nii.gz");
    public string Flair(string id) => Path.Combine(Anat(id), $"{id}_FLAIR.nii.gz");

    public string FreeSurfer(string id) => Path.Combine(Root, "derivatives", "freesurfer", id);
    public string Aseg(string id) => Path.Combine(FreeSurfer(id), "mri", "aseg.mgz");
    public string AparcAseg(string id) => Path.Combine(FreeSurfer(id), "mri", "aparc+aseg.mgz");
    public string AsegStats(string id) => Path.Combine(FreeSurfer(id), "stats", "aseg.stats");
    public string AparcStats(string id, int hemisphere) => Path.Combine(FreeSurfer(id), "stats", $"{(hemisphere == 0 ? "lh" : "rh")}.aparc.stats");

    public string LesionProbability(string id) => Path.Combine(Root, "derivatives", "lesions", id, "ples_lpa_mFLAIR.nii.gz");

    public string GroundTruth(string id) => Path.Combine(Root, "derivatives", "groundtruth", id);
    public string PvsMask(string id) => Path.Combine(GroundTruth(id), $"{id}_pvs.nii.gz");
    public string LesionMask(string id) => Path.Combine(GroundTruth(id), $"{id}_lesions.nii.gz");
    public string AgeEffectMask(string id) => Path.Combine(GroundTruth(id), $"{id}_ageeffect.nii.gz");
    public string Truth(string id) => Path.Combine(GroundTruth(id), $"{id}_truth.json");

    /// <summary><c>?h.aparc.DKTatlas40.stats</c> (DKT40) of one hemisphere (0 left).</summary>
    public string DktStats(string id, int hemisphere) => Path.Combine(FreeSurfer(id), "stats", $"{Hemi(hemisphere)}.aparc.DKTatlas40.stats");

    /// <summary><c>?h.aparc.a2009s.stats</c> (Destrieux) of one hemisphere (0 left).</summary>
    public string DestrieuxStats(string id, int hemisphere) => Path.Combine(FreeSurfer(id), "stats", $"{Hemi(hemisphere)}.aparc.a2009s.stats");

    /// <summary>Per-subject transform folders (<c>submit --transforms</c>).</summary>
    public string Transforms => Path.Combine(Root, "derivatives", "transforms");
    public string TransformsOf(string id) => Path.Combine(Transforms, id);

    /// <summary>The subject's affine to the template, named as antsRegistration names it (template fixed, subject moving).</summary>
    public string TemplateAffine(string id) => Path.Combine(TransformsOf(id), $"{id}_to-{TemplateSpace.Name}_0GenericAffine.mat");

    /// <summary>The transform that moves a FLAIR simulated on its own grid onto the T1 grid, named as fMRIPrep names it.</summary>
    public string FlairToT1(string id) => Path.Combine(TransformsOf(id), $"{id}_from-FLAIR_to-T1w_mode-image_xfm.mat");

    /// <summary>Per-subject FA folders (<c>submit --fa</c>).</summary>
    public string FaMaps => Path.Combine(Root, "derivatives", "fa");
    public string Fa(string id) => Path.Combine(FaMaps, id, $"{id}_space-{TemplateSpace.Name}_FA.nii.gz");

    public string Atlases => Path.Combine(Root, "derivatives", "atlases");
    public string TractAtlas => Path.Combine(Atlases, $"tpl-{TemplateSpace.Name}_atlas-JHU_dseg.nii.gz");
    public string TractAtlasLabels => Path.Combine(Atlases, $"tpl-{TemplateSpace.Name}_atlas-JHU_dseg.xml");
    public string BasalGangliaAtlas => Path.Combine(Atlases, $"tpl-{TemplateSpace.Name}_label-BG_probseg.nii.gz");
    public string BasalGangliaAtlasLabels => Path.Combine(Atlases, $"tpl-{TemplateSpace.Name}_label-BG_probseg.xml");

    /// <summary><c>[atlases.jhu]</c> and <c>[atlases.basal_ganglia]</c> pointing at the atlases above, for <c>--config</c>.</summary>
    public string AtlasConfig => Path.Combine(Atlases, "atlases.toml");

    private static string Hemi(int hemisphere) => hemisphere == 0 ? "lh" : "rh";

    /// <summary>Every file written for one subject (the FLAIR→T1 transform only with a FLAIR on its own grid).</summary>
    public IEnumerable<string> SubjectFiles(string id) =>
    [
        T1w(id), Flair(id), Aseg(id), AparcAseg(id), AsegStats(id), AparcStats(id, 0), AparcStats(id, 1),
        DktStats(id, 0), DktStats(id, 1), DestrieuxStats(id, 0), DestrieuxStats(id, 1),
        LesionProbability(id), PvsMask(id), LesionMask(id), AgeEffectMask(id), Truth(id), TemplateAffine(id), Fa(id),
    ];

    /// <summary>The files of the template space, written once per cohort.</summary>
    public IEnumerable<string> TemplateFiles() => [TractAtlas, TractAtlasLabels, BasalGangliaAtlas, BasalGangliaAtlasLabels, AtlasConfig];
}

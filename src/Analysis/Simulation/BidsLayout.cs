namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// Where a simulated cohort's files go, BIDS-like:
/// <code>
/// participants.tsv, dataset_description.json
/// sub-XXX/anat/sub-XXX_T1w.nii.gz, sub-XXX_FLAIR.nii.gz
/// derivatives/freesurfer/sub-XXX/mri/{aseg,aparc+aseg}.mgz, stats/{aseg,lh.aparc,rh.aparc}.stats
/// derivatives/lesions/sub-XXX/ples_lpa_mFLAIR.nii.gz
/// derivatives/groundtruth/sub-XXX/sub-XXX_{pvs,lesions,ageeffect}.nii.gz, sub-XXX_truth.json
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

    /// <summary>Every file written for one subject.</summary>
    public IEnumerable<string> SubjectFiles(string id) =>
    [
        T1w(id), Flair(id), Aseg(id), AparcAseg(id), AsegStats(id), AparcStats(id, 0), AparcStats(id, 1),
        LesionProbability(id), PvsMask(id), LesionMask(id), AgeEffectMask(id), Truth(id),
    ];
}

namespace RelevanceRelated.Analysis.Spaces.Atlases;

/// <summary>
/// A subject's transforms to and from a template space, each as the files antsApplyTransforms would take:
/// <see cref="ToTemplate"/> moves subject images into template space (reference = template grid; maps template points to
/// subject points), <see cref="ToSubject"/> moves template images (atlases) onto the subject (reference = subject grid).
/// </summary>
public sealed record SubjectTemplateTransforms(string Template, IReadOnlyList<TransformReference> ToTemplate, IReadOnlyList<TransformReference> ToSubject)
{
    /// <summary>From <c>antsRegistration</c> with the template fixed and the subject moving (antsRegistrationSyN.sh
    /// <c>-f TEMPLATE -m T1</c>): <c>*0GenericAffine.mat</c>, <c>*1Warp.nii.gz</c>, <c>*1InverseWarp.nii.gz</c>.</summary>
    public static SubjectTemplateTransforms FromAnts(string template, string affine, string warp, string inverseWarp) =>
        new(template, [new(warp), new(affine)], [new(affine, Invert: true), new(inverseWarp)]);

    /// <summary>From fMRIPrep's pair <c>sub-X_from-T1w_to-TEMPLATE_mode-image_xfm.h5</c> and
    /// <c>sub-X_from-TEMPLATE_to-T1w_mode-image_xfm.h5</c>.</summary>
    public static SubjectTemplateTransforms FromFmriprep(string template, string fromT1wToTemplate, string fromTemplateToT1w) =>
        new(template, [new(fromT1wToTemplate)], [new(fromTemplateToT1w)]);
}

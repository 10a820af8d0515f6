namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>The transform file formats <see cref="TransformFiles"/> reads.</summary>
public enum TransformFileFormat
{
    /// <summary>ITK/ANTs binary <c>.mat</c> (MATLAB v4 variables: parameters named by the transform type, then <c>fixed</c>).</summary>
    ItkMatlab,

    /// <summary>ITK text transform (<c>#Insight Transform File V1.0</c>, <c>.txt</c>/<c>.tfm</c>).</summary>
    ItkText,

    /// <summary>ITK HDF5 transform or composite (<c>.h5</c>; fMRIPrep's <c>*_xfm.h5</c>).</summary>
    ItkHdf5,

    /// <summary>A displacement field image (NIfTI, 5-D vector intent; antsRegistration's <c>*Warp.nii.gz</c>).</summary>
    DisplacementFieldNifti,

    /// <summary>FSL FLIRT's 4×4 text matrix in scaled-voxel coordinates (<c>flirt -omat</c>).</summary>
    FslFlirt,
}

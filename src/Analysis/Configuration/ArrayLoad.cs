namespace RelevanceRelated.Analysis.Configuration;

/// <summary>How a recipe reads the image's voxels, as its nibabel call does (recipe key <c>load</c>).</summary>
public enum ArrayLoad
{
    /// <summary><c>img.get_fdata()</c>: scaled float64; resampling keeps fractions.</summary>
    GetFdata,

    /// <summary>
    /// <c>np.asanyarray(img.dataobj)</c>: the on-disk type when the file stores unscaled integers, so resampling
    /// rounds its output to that type as scipy does for integer arrays; otherwise the same as <see cref="GetFdata"/>.
    /// </summary>
    DataObj,
}

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>Where a recipe centres the model's box before cropping or padding to it (recipe key <c>crop</c>).</summary>
public enum CropCentre
{
    /// <summary>
    /// The bounding box of voxels different from the image's minimum, centred in the box (xai4mri's
    /// <c>prune_mri</c>): the block is copied, the rest holds the minimum; an axis longer than the box is cut centrally.
    /// </summary>
    BrainBoundingBox,

    /// <summary>The volume's centre: start = (n − size) // 2 along each axis, padded with 0 where the box leaves the volume.</summary>
    VolumeCentre,

    /// <summary>
    /// The bounding box of the slices whose sum exceeds <c>crop_threshold</c> (per axis, the first and last index
    /// with <c>data.sum(other axes) &gt; T</c>): start = lo − (size − (hi − lo + 1)) // 2, padded with 0.
    /// </summary>
    SliceSums,

    /// <summary>The centre of mass c (<c>scipy.ndimage.center_of_mass</c>): start = round(c) − size // 2, padded with 0.</summary>
    CentreOfMass,
}

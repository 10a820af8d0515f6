namespace RelevanceRelated.Analysis.Configuration;

/// <summary>How a recipe brings the reoriented image to the model's grid spacing (recipe key <c>resample</c>).</summary>
public enum ResampleMode
{
    /// <summary>
    /// To <c>voxel_size</c> mm when the image's voxels differ by more than 10⁻³ mm: the same origin and axes, shape
    /// round(n · zoom / voxel_size), sampled at i · voxel_size / zoom (<c>scipy.ndimage.affine_transform</c>).
    /// </summary>
    VoxelSize,

    /// <summary>
    /// By <c>zoom</c> factors with <c>scipy.ndimage.zoom</c>'s grid (grid_mode=False, scipy ≥ 1.6): shape
    /// round(n · zoom), corners aligned, output voxel i read at i · (n − 1)/(m − 1).
    /// </summary>
    Zoom,

    /// <summary>No resampling: the image's own spacing.</summary>
    None,
}

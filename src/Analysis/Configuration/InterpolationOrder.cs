namespace RelevanceRelated.Analysis.Configuration;

/// <summary>The resampling's interpolation, as scipy.ndimage's <c>order</c> (recipe key <c>interpolation</c>).</summary>
public enum InterpolationOrder
{
    /// <summary>order=0: the nearest voxel.</summary>
    Nearest = 0,

    /// <summary>order=1: trilinear.</summary>
    Linear = 1,

    /// <summary>order=3: cubic B-spline on scipy's prefiltered coefficients (mirror boundary, mode "constant").</summary>
    Cubic = 3,
}

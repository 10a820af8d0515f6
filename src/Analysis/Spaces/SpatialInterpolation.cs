namespace RelevanceRelated.Analysis.Spaces;

/// <summary>How a moved image is read between its voxels, as antsApplyTransforms' <c>--interpolation</c>.</summary>
public enum SpatialInterpolation
{
    /// <summary>Trilinear (ANTs <c>Linear</c>), for intensities.</summary>
    Linear,

    /// <summary>Nearest voxel (ANTs <c>NearestNeighbor</c>), for labels when speed matters more than smooth borders.</summary>
    Nearest,

    /// <summary>Per label, the trilinearly interpolated indicator; the label with the highest wins (ANTs
    /// <c>GenericLabel</c>): smooth label borders without mixing label values.</summary>
    Label,

    /// <summary>Cubic B-spline (ANTs <c>BSpline</c>, ITK's BSplineInterpolateImageFunction of order 3).</summary>
    BSpline,
}

/// <summary>Parsing of <see cref="SpatialInterpolation"/> names (once, at the edge).</summary>
public static class SpatialInterpolations
{
    public const string Names = "linear, nearest, label, bspline";

    /// <exception cref="InvalidInputException">Not one of <see cref="Names"/>; <paramref name="what"/> names the option.</exception>
    public static SpatialInterpolation Parse(string text, string what = "--interpolation") => text.Trim().ToLowerInvariant() switch
    {
        "linear" => SpatialInterpolation.Linear,
        "nearest" or "nearestneighbor" => SpatialInterpolation.Nearest,
        "label" or "genericlabel" => SpatialInterpolation.Label,
        "bspline" => SpatialInterpolation.BSpline,
        _ => throw new InvalidInputException($"{what}: '{text}'; expected one of {Names}"),
    };

    public static string Name(this SpatialInterpolation interpolation) => interpolation switch
    {
        SpatialInterpolation.Linear => "linear",
        SpatialInterpolation.Nearest => "nearest",
        SpatialInterpolation.Label => "label",
        SpatialInterpolation.BSpline => "bspline",
        _ => throw new ArgumentOutOfRangeException(nameof(interpolation)),
    };
}

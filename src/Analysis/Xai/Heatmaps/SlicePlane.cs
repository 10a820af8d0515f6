namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>
/// A mosaic row's slice orientation. Panels are drawn in neurological convention: the subject's left on the image's
/// left (axial and coronal), posterior on the left (sagittal), anterior or superior up.
/// </summary>
public enum SlicePlane
{
    /// <summary>Fixed superior–inferior position; right to the right, anterior up.</summary>
    Axial,

    /// <summary>Fixed anterior–posterior position; right to the right, superior up.</summary>
    Coronal,

    /// <summary>Fixed left–right position; anterior to the right, superior up.</summary>
    Sagittal,
}

/// <summary>Which display axes (0 = R, 1 = A, 2 = S) a plane fixes and draws, and how its labels read.</summary>
public static class SlicePlanes
{
    public static IReadOnlyList<SlicePlane> All { get; } = [SlicePlane.Axial, SlicePlane.Coronal, SlicePlane.Sagittal];

    /// <returns>The fixed axis, the axis drawn left to right and the one drawn bottom to top.</returns>
    public static (int Fixed, int Horizontal, int Vertical) Axes(this SlicePlane plane) => plane switch
    {
        SlicePlane.Axial => (2, 0, 1),
        SlicePlane.Coronal => (1, 0, 2),
        _ => (0, 1, 2),
    };

    /// <summary>The world coordinate's name under each panel: z for axial, y for coronal, x for sagittal.</summary>
    public static string CoordinateName(this SlicePlane plane) => plane switch
    {
        SlicePlane.Axial => "z",
        SlicePlane.Coronal => "y",
        _ => "x",
    };

    /// <summary>The letters at the left and right edges of a panel.</summary>
    public static (string Left, string Right) SideLetters(this SlicePlane plane) => plane == SlicePlane.Sagittal ? ("P", "A") : ("L", "R");
}

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// One transform of a chain. Like ITK's transforms it maps points, in world millimetres (RAS here; ITK works in LPS
/// and the file readers convert), from the reference (fixed) side to the moving side: to resample a moving image onto
/// a reference grid, each reference voxel's point is mapped and the moving image is read there.
/// </summary>
public abstract class SpatialTransform
{
    /// <summary>The moving-side point of reference-side point (x, y, z).</summary>
    public abstract (double X, double Y, double Z) Map(double x, double y, double z);

    /// <summary>A short description for records and messages, e.g. "affine" or "displacement field 26×31×25".</summary>
    public abstract string Description { get; }
}

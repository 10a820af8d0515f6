namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// What a file said beyond shape, zooms, affine and voxels: kept so that writing a volume back preserves it
/// (NIfTI extensions, description, codes; MGH scan parameters).
/// </summary>
public sealed record VolumeMetadata
{
    /// <summary>Format of the file the volume was read from; null for a volume built in memory.</summary>
    public ImageFormat? SourceFormat { get; init; }

    /// <summary>True when the source file stored multi-byte voxels big-endian.</summary>
    public bool SourceBigEndian { get; init; }

    /// <summary>NIfTI header extensions in file order.</summary>
    public IReadOnlyList<NiftiExtension> Extensions { get; init; } = [];

    /// <summary>NIfTI <c>descrip</c>.</summary>
    public string Description { get; init; } = "";

    public int IntentCode { get; init; }
    public string IntentName { get; init; } = "";
    public int XyztUnits { get; init; }
    public int DimInfo { get; init; }
    public int QformCode { get; init; }
    public int SformCode { get; init; }

    /// <summary>The scale factors the file applied (1 and 0 when unscaled).</summary>
    public double ScaleSlope { get; init; } = 1;
    public double ScaleIntercept { get; init; }

    /// <summary>MGH footer: repetition time (ms), flip angle (rad), echo and inversion time (ms), field of view.</summary>
    public float MghTr { get; init; }
    public float MghFlipAngle { get; init; }
    public float MghTe { get; init; }
    public float MghTi { get; init; }
    public float MghFov { get; init; }
    public int MghDof { get; init; }
}

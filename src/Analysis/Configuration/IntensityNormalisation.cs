namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// The recipe's intensity step on the cropped box (recipe key <c>normalisation</c>); <c>clip_percentile</c> first
/// caps values above that percentile for the min–max and z-score kinds. README gives each kind's numpy expression.
/// </summary>
public enum IntensityNormalisation
{
    /// <summary>Min–max to [0, 1].</summary>
    Unit,

    /// <summary>Min–max to [1, 0] (dark voxels large).</summary>
    UnitInverted,

    /// <summary>Min–max stretched per subject to [0, 255], rounded half to even (not the raw intensities).</summary>
    UInt8,

    /// <summary>Unchanged (float models only).</summary>
    None,

    /// <summary>Unchanged, cast to the model's input type: for uint8 <c>np.clip(x, 0, 255).astype(np.uint8)</c>.</summary>
    Raw,

    /// <summary>Divided by <c>scale_divisor</c> (e.g. ÷ 255).</summary>
    Scale,

    /// <summary>
    /// The original pipeline's storage: capped at <c>intensity_max</c>, min–max scaled with that cap as the
    /// maximum to [0, 255], rounded to uint8, then ÷ 255.
    /// </summary>
    Capped,

    /// <summary>(x − mean) / sd of the clip scope's voxels (numpy's std, ddof = 0).</summary>
    ZScore,

    /// <summary>x / mean of the clip scope's voxels (SFCN's <c>data / data.mean()</c>).</summary>
    Mean,
}

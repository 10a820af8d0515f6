namespace RelevanceRelated.Analysis.Configuration;

/// <summary>Whether the model input is zero outside a brain mask (recipe key <c>brain_mask</c>).</summary>
public enum BrainMaskKind
{
    None,

    /// <summary>A mask found from the image's intensities (skull stripping without a segmentation).</summary>
    Intensity,
}

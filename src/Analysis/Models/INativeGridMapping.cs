using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// How a map in a model's grid (a relevance map of the model input) goes back to the subject's native grid: the
/// record of our own preprocessing (<see cref="PreprocessRecord"/>), or, for an input prepared elsewhere, the two
/// grids' affines (<see cref="AffineGridMapping"/>).
/// </summary>
public interface INativeGridMapping
{
    /// <summary>The map on the native grid (float32, 0 where the model grid does not reach).</summary>
    Volume ToNative(Volume modelGridMap);
}

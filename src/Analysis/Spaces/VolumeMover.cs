using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces.Resampling;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// "Move this volume onto this reference grid through this chain": the one call stages and the console use, like
/// antsApplyTransforms <c>-i MOVING -r REFERENCE -t … -n INTERPOLATION -f DEFAULT</c>. The result carries the record
/// of its chain.
/// </summary>
public static class VolumeMover
{
    /// <param name="moving">The image to move (3-D or more; every frame is moved).</param>
    /// <param name="reference">The grid of the output.</param>
    /// <param name="chain">Reference point → moving point (see <see cref="TransformChainLoader"/>).</param>
    /// <param name="interpolation">How the moving image is read.</param>
    /// <param name="defaultValue">The value where the mapped point falls outside the moving image.</param>
    public static MovedVolume Move(Volume moving, ImageGrid reference, TransformChain chain, SpatialInterpolation interpolation,
        float defaultValue = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moving);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(chain);
        var volume = ChainResampler.Resample(moving, reference, chain, interpolation, defaultValue, cancellationToken);
        return new MovedVolume(volume, MoveRecord.Of(chain, reference, interpolation, defaultValue));
    }

    /// <summary>The same, loading the chain from files listed as antsApplyTransforms takes them.</summary>
    public static MovedVolume Move(Volume moving, ImageGrid reference, IReadOnlyList<TransformReference> transforms,
        SpatialInterpolation interpolation, float defaultValue = 0, CancellationToken cancellationToken = default) =>
        Move(moving, reference, TransformChainLoader.Load(transforms, cancellationToken), interpolation, defaultValue, cancellationToken);
}

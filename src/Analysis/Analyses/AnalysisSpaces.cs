using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Atlases;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>
/// Moves what the analyses need between spaces, as the original did with antsApplyTransforms: the basal-ganglia
/// probability atlas (<c>[params.pvs.basal_ganglia].atlas</c>) onto the subject's T1 grid (trilinear, binarised later at
/// 0.05 by the PVS analysis); a template-space atlas through the subject's template-to-subject transforms, a
/// subject-space one by its header.
/// </summary>
public static class AnalysisSpaces
{
    /// <param name="toSubject">The subject's transforms from the atlas's template (antsApplyTransforms order); empty when it has none.</param>
    /// <returns>The moved probability map, or null (with a warning) when no atlas is configured or the subject lacks the transforms.</returns>
    public static Volume? BasalGangliaOnT1(RelevanceRelatedConfig config, Volume t1Grid, IReadOnlyList<TransformReference> toSubject,
        ICollection<string> warnings, CancellationToken cancellationToken = default)
    {
        if (config.Params.Pvs.BasalGangliaAtlas is not { } name) return null;
        if (!config.Atlases.TryGetValue(name, out var atlas))
            throw new InvalidInputException($"[params.pvs.basal_ganglia].atlas = \"{name}\", but there is no [atlases.{name}] entry.");
        if (atlas.Template is not null && toSubject.Count == 0)
        {
            warnings.Add($"atlas {name} is in template space '{atlas.Template}' and the subject has no transforms from it; no basal-ganglia PVS tables for this subject.");
            return null;
        }
        using var probability = VolumeFile.Read(atlas.File);
        if (probability.Frames != 1)
            throw new InvalidInputException($"[atlases.{name}] file '{atlas.File}': the basal-ganglia map is one probability frame; this image has {probability.Frames}.");
        var chain = atlas.Template is null ? TransformChain.Identity : TransformChainLoader.Load(toSubject, cancellationToken);
        return VolumeMover.Move(probability, ImageGrid.Of(t1Grid), chain, SpatialInterpolation.Linear, 0, cancellationToken).Volume;
    }
}

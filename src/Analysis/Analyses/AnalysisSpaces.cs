using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Atlases;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>
/// Moves what the analyses need between spaces, as the original did with antsApplyTransforms: the basal-ganglia
/// probability atlas (<c>[params.pvs.basal_ganglia].atlas</c>) onto the subject's T1 grid (trilinear, binarised later at
/// 0.05 by the PVS analysis); a template-space atlas through the subject's template-to-subject transforms, a
/// subject-space one by its header; and for the FA analysis each sequence's relevance map into the FA map's template
/// space (trilinear, through the subject-to-template transforms) with the white-matter atlas (<c>[params.fa].atlas</c>)
/// on the FA map's grid (label-aware, by header: both are in the template).
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

    /// <param name="fa">The subject's FA map in template space.</param>
    /// <param name="relevance">Each sequence's relevance map on the T1 grid.</param>
    /// <returns>The FA inputs, or null (with a warning) when no atlas is configured or the subject lacks the transforms.</returns>
    public static FaInputs? FaOnTemplate(RelevanceRelatedConfig config, Volume fa, SubjectTemplateTransforms? transforms,
        IReadOnlyDictionary<RelevanceSequence, Volume> relevance, ICollection<string> warnings, CancellationToken cancellationToken = default)
    {
        if (config.Params.FaAtlas is not { } name) return null;
        if (!config.Atlases.TryGetValue(name, out var atlasConfig))
            throw new InvalidInputException($"[params.fa].atlas = \"{name}\", but there is no [atlases.{name}] entry.");
        if (transforms is null || transforms.ToTemplate.Count == 0)
        {
            warnings.Add("the subject has an FA map but no transforms into template space; no FA rows for this subject.");
            return null;
        }
        if (atlasConfig.Template is { } template && !string.Equals(template, transforms.Template, StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"[atlases.{name}] is in template space '{template}', but the subject's transforms lead to '{transforms.Template}'.");
        if (fa.Frames != 1) throw new InvalidInputException($"the FA map has {fa.Frames} frames; expected one.");
        var grid = ImageGrid.Of(fa);
        using var atlas = Atlas.Load(atlasConfig.Name, atlasConfig.File, atlasConfig.Labels, null, atlasConfig.Threshold, atlasConfig.DilateBy);
        using var labels = AtlasProjector.OntoSubject(atlas, grid, TransformChain.Identity, cancellationToken);
        var codes = RegionalRelevance.ToLabels(labels.Labels.Frame(0), atlasConfig.File);
        var chain = TransformChainLoader.Load(transforms.ToTemplate, cancellationToken);
        var moved = new Dictionary<RelevanceSequence, Volume>();
        foreach (var (sequence, map) in relevance)
            moved[sequence] = VolumeMover.Move(map, grid, chain, SpatialInterpolation.Linear, 0, cancellationToken).Volume;
        return new FaInputs(fa, codes, labels.Names.Names, moved);
    }
}

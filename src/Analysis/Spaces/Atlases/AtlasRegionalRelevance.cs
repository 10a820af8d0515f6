using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Atlases;

/// <summary>
/// Per-region relevance over a configured atlas: the atlas is brought onto the relevance map's grid (through the
/// given transforms when it lives in a template space) and relevance is summed per label with the atlas's names.
/// The façade both the console's <c>features --atlas</c> and the stages call.
/// </summary>
public static class AtlasRegionalRelevance
{
    /// <summary>The regions and the record of how the atlas was moved.</summary>
    /// <param name="toSubject">For a template-space atlas: the transforms that bring it onto the subject (antsApplyTransforms
    /// order); must be empty for a subject-space atlas.</param>
    public static (IReadOnlyList<RegionRelevance> Regions, MoveRecord Record) Compute(Volume relevance, AtlasConfig config,
        IReadOnlyList<TransformReference> toSubject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relevance);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Template is null && toSubject.Count > 0)
            throw new InvalidInputException($"atlas {config.Name} is in the subject's T1 space; transforms are only for template-space atlases");
        if (config.Template is not null && toSubject.Count == 0)
            throw new InvalidInputException($"atlas {config.Name} is in template space '{config.Template}'; give the transforms that bring it onto the subject");
        using var atlas = Atlas.Load(config.Name, config.File, config.Labels, config.Template, config.Threshold, config.DilateBy);
        var chain = TransformChainLoader.Load(toSubject, cancellationToken);
        using var onSubject = AtlasProjector.OntoSubject(atlas, ImageGrid.Of(relevance), chain, cancellationToken);
        var labels = RegionalRelevance.ToLabels(onSubject.Labels.Data, $"atlas {config.Name}");
        return (RegionalRelevance.Compute(relevance.Memory[..relevance.SpatialCount], labels, onSubject.Names), onSubject.Record);
    }

    /// <summary>The same for the atlas named <paramref name="name"/> in the configuration.</summary>
    /// <exception cref="InvalidInputException">No such atlas; the message lists the configured ones.</exception>
    public static (IReadOnlyList<RegionRelevance> Regions, MoveRecord Record) Compute(Volume relevance, RelevanceRelatedConfig config, string name,
        IReadOnlyList<TransformReference> toSubject, CancellationToken cancellationToken = default)
    {
        if (!config.Atlases.TryGetValue(name, out var atlas))
            throw new InvalidInputException($"--atlas: '{name}' is not an [atlases.*] entry of the configuration; configured: {(config.Atlases.Count == 0 ? "none" : string.Join(", ", config.Atlases.Keys))}");
        return Compute(relevance, atlas, toSubject, cancellationToken);
    }
}

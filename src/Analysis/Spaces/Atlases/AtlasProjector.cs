using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Atlases;

/// <summary>
/// Brings atlases to a subject and subject maps to a template. A template-space atlas reaches the subject through the
/// subject's <see cref="SubjectTemplateTransforms.ToSubject"/> chain (a subject-space atlas through the identity, i.e.
/// by its header); label atlases move with label-aware interpolation (ANTs' GenericLabel), probability atlases
/// trilinearly, then each structure is thresholded (&gt; threshold), dilated, and each voxel labelled by its most
/// probable structure (frame i → label i + 1, named by index i of the label table, FSL's convention).
/// </summary>
public static class AtlasProjector
{
    public static SubjectAtlas OntoSubject(Atlas atlas, ImageGrid subject, SubjectTemplateTransforms? transforms,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        if (atlas.Template is null) return OntoSubject(atlas, subject, TransformChain.Identity, cancellationToken);
        if (transforms is null)
            throw new InvalidInputException($"atlas {atlas.Name} is in template space '{atlas.Template}'; give the subject's transforms from that template");
        if (!string.Equals(transforms.Template, atlas.Template, StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"atlas {atlas.Name} is in template space '{atlas.Template}', but the subject's transforms are for '{transforms.Template}'");
        return OntoSubject(atlas, subject, TransformChainLoader.Load(transforms.ToSubject, cancellationToken), cancellationToken);
    }

    /// <summary>A configured atlas (<c>[atlases.NAME]</c>) on a subject's grid.</summary>
    /// <param name="toSubject">For a template-space atlas: the transforms that bring it onto the subject (antsApplyTransforms
    /// order); empty for a subject-space atlas.</param>
    public static SubjectAtlas OntoSubject(AtlasConfig config, ImageGrid subject, IReadOnlyList<TransformReference> toSubject,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(toSubject);
        if (config.Template is null && toSubject.Count > 0)
            throw new InvalidInputException($"atlas {config.Name} is in the subject's T1 space; transforms are only for template-space atlases");
        if (config.Template is not null && toSubject.Count == 0)
            throw new InvalidInputException($"atlas {config.Name} is in template space '{config.Template}'; give the transforms that bring it onto the subject");
        using var atlas = Atlas.Load(config.Name, config.File, config.Labels, config.Template, config.Threshold, config.DilateBy);
        return OntoSubject(atlas, subject, TransformChainLoader.Load(toSubject, cancellationToken), cancellationToken);
    }

    /// <param name="chain">Subject point → atlas point.</param>
    public static SubjectAtlas OntoSubject(Atlas atlas, ImageGrid subject, TransformChain chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        ArgumentNullException.ThrowIfNull(subject);
        if (!atlas.IsProbabilistic)
        {
            var moved = VolumeMover.Move(atlas.Volume, subject, chain, SpatialInterpolation.Label, 0, cancellationToken);
            return new SubjectAtlas(moved.Volume, atlas.Labels, moved.Record);
        }
        using var probabilities = VolumeMover.Move(atlas.Volume, subject, chain, SpatialInterpolation.Linear, 0, cancellationToken);
        var labels = MostProbable(probabilities.Volume, (float)atlas.Threshold!.Value, atlas.DilateBy, cancellationToken);
        var names = FreeSurferColorLut.FromNames(Enumerable.Range(0, atlas.Volume.Frames).Select(i => new KeyValuePair<int, string>(i + 1,
            atlas.Labels.Contains(i) ? atlas.Labels.NameOf(i) : atlas.Volume.Frames == 1 ? atlas.Name : $"{atlas.Name}-{i + 1}")), atlas.Name);
        return new SubjectAtlas(labels, names, probabilities.Record);
    }

    /// <summary>A subject map (e.g. a relevance map) moved into template space (reference = the template's grid).</summary>
    public static MovedVolume MapToTemplate(Volume subjectMap, ImageGrid template, SubjectTemplateTransforms transforms,
        SpatialInterpolation interpolation = SpatialInterpolation.Linear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        return VolumeMover.Move(subjectMap, template, TransformChainLoader.Load(transforms.ToTemplate, cancellationToken), interpolation, 0, cancellationToken);
    }

    private static Volume MostProbable(Volume probabilities, float threshold, int dilateBy, CancellationToken cancellationToken)
    {
        var shape = probabilities.Shape3;
        var n = probabilities.SpatialCount;
        var frames = probabilities.Frames;
        var best = new float[n];
        var result = new Volume([shape.X, shape.Y, shape.Z], probabilities.Affine, frames < short.MaxValue ? VoxelType.Int16 : VoxelType.Int32,
            [probabilities.Zooms[0], probabilities.Zooms[1], probabilities.Zooms[2]]);
        var labels = result.Data;
        for (var f = 0; f < frames; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var p = probabilities.Frame(f);
            var mask = BinaryMask.Threshold(p, threshold);
            if (dilateBy > 0) mask = Morphology.Dilate(mask, shape, dilateBy);
            for (var i = 0; i < n; i++)
            {
                if (mask[i] == 0) continue;
                // Dilated voxels may have probability ≤ threshold; the most probable structure still wins.
                if (labels[i] == 0 || p[i] > best[i])
                {
                    labels[i] = f + 1;
                    best[i] = p[i];
                }
            }
        }
        return result;
    }
}

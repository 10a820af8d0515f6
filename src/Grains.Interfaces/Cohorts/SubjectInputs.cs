using System.Collections.Immutable;

namespace RelevanceRelated.Contracts;

/// <summary>
/// Where a subject's images are, as absolute paths on the shared data mount (below <c>[paths].data</c>).
/// The ingest stage reads and hashes them; later stages use the stored copies, never these paths.
/// </summary>
/// <param name="T1">The T1-weighted image (NIfTI or MGH/MGZ).</param>
/// <param name="Flair">The FLAIR image, on the T1's grid or moved onto it through <paramref name="FlairToT1"/> (or by registration).</param>
/// <param name="LesionProbability">The white-matter-lesion probability map (on the T1's or the FLAIR's grid), when there is one.</param>
/// <param name="FreeSurferDirectory">The subject's FreeSurfer directory (mri/, stats/), when there is one.</param>
/// <param name="T1Frame">Which frame of a T1 file with several frames to use (0-based); a multi-frame T1 without it is refused.</param>
/// <param name="FlairToT1">Transform files in antsApplyTransforms order (<c>[file,1]</c> inverts) that move the FLAIR (and
/// a lesion map on its grid) onto the T1 grid; empty when none is given.</param>
/// <param name="Template">The name of the template space of <paramref name="ToTemplate"/>/<paramref name="ToSubject"/> (e.g. MNI152NLin2009cAsym).</param>
/// <param name="ToTemplate">Transforms that move subject images into template space (reference = template grid).</param>
/// <param name="ToSubject">Transforms that move template images (atlases) onto the subject (reference = T1 grid).</param>
/// <param name="FractionalAnisotropy">An FA map in template space (FSL/TBSS FA in MNI, as in the original study).</param>
/// <param name="Prepared">Per <c>[models.NAME]</c>, an input already on that model's grid (its recipe run elsewhere).</param>
/// <remarks>
/// Chains may arrive as <c>default</c> arrays (older callers, serialisation): read them through <see cref="Chain"/>.
/// Equality compares chains and prepared inputs by content, so a resubmission of the same row is unchanged.
/// </remarks>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubjectInputs")]
public sealed record SubjectInputs(
    [property: Id(0)] string T1,
    [property: Id(1)] string? Flair = null,
    [property: Id(2)] string? LesionProbability = null,
    [property: Id(3)] string? FreeSurferDirectory = null,
    [property: Id(4)] int? T1Frame = null,
    [property: Id(5)] ImmutableArray<string> FlairToT1 = default,
    [property: Id(6)] string? Template = null,
    [property: Id(7)] ImmutableArray<string> ToTemplate = default,
    [property: Id(8)] ImmutableArray<string> ToSubject = default,
    [property: Id(9)] string? FractionalAnisotropy = null,
    [property: Id(10)] ImmutableDictionary<string, string>? Prepared = null)
{
    /// <summary>A chain as a list, empty for a <c>default</c> array.</summary>
    public static ImmutableArray<string> Chain(ImmutableArray<string> chain) => chain.IsDefault ? [] : chain;

    /// <summary>The prepared inputs in model-name order (empty when none).</summary>
    public IEnumerable<KeyValuePair<string, string>> PreparedInputs() =>
        (Prepared ?? ImmutableDictionary<string, string>.Empty).OrderBy(p => p.Key, StringComparer.Ordinal);

    /// <summary>Whether the subject brings template transforms.</summary>
    public bool HasTemplateTransforms => !Chain(ToTemplate).IsEmpty || !Chain(ToSubject).IsEmpty;

    public bool Equals(SubjectInputs? other) =>
        other is not null && T1 == other.T1 && Flair == other.Flair && LesionProbability == other.LesionProbability
        && FreeSurferDirectory == other.FreeSurferDirectory && T1Frame == other.T1Frame && Template == other.Template
        && FractionalAnisotropy == other.FractionalAnisotropy
        && Chain(FlairToT1).SequenceEqual(Chain(other.FlairToT1), StringComparer.Ordinal)
        && Chain(ToTemplate).SequenceEqual(Chain(other.ToTemplate), StringComparer.Ordinal)
        && Chain(ToSubject).SequenceEqual(Chain(other.ToSubject), StringComparer.Ordinal)
        && PreparedInputs().SequenceEqual(other.PreparedInputs());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in (string?[])[T1, Flair, LesionProbability, FreeSurferDirectory, Template, FractionalAnisotropy]) hash.Add(part);
        hash.Add(T1Frame);
        foreach (var chain in (ImmutableArray<string>[])[FlairToT1, ToTemplate, ToSubject])
        {
            hash.Add(Chain(chain).Length);
            foreach (var item in Chain(chain)) hash.Add(item);
        }
        foreach (var (model, path) in PreparedInputs()) hash.Add((model, path));
        return hash.ToHashCode();
    }
}

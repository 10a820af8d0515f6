using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RelevanceRelated.Analysis.Spaces;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// Finds a subject's transforms in its folder of a derivatives tree (<c>submit --transforms DIR</c>, folder
/// <c>DIR/ID</c>) by the names fMRIPrep and ANTs give them:
/// <list type="bullet">
/// <item>FLAIR → T1: fMRIPrep's <c>*from-FLAIR_to-T1w_mode-image_xfm.{txt,mat,h5}</c>, else an ANTs affine whose name
/// names the FLAIR (<c>*FLAIR*0GenericAffine.mat</c>, e.g. the original's <c>rawFLAIR-2-T1_0GenericAffine.mat</c>);</item>
/// <item>template: fMRIPrep's pair <c>*from-T1w_to-TPL_mode-image_xfm.h5</c> / <c>*from-TPL_to-T1w_mode-image_xfm.h5</c>
/// (the template is TPL), else antsRegistration's <c>*0GenericAffine.mat</c> with <c>*1Warp.nii.gz</c> and
/// <c>*1InverseWarp.nii.gz</c> (template fixed, subject moving; the affine alone when there is no warp).</item>
/// </list>
/// Several candidates for one role are refused, naming them.
/// </summary>
public static partial class TransformDiscovery
{
    /// <summary>What was found for one subject (empty chains when nothing was).</summary>
    public sealed record Found(ImmutableArray<string> FlairToT1, string? Template, ImmutableArray<string> ToTemplate, ImmutableArray<string> ToSubject);

    public static Found None { get; } = new([], null, [], []);

    /// <param name="directory">The subject's folder (absent: nothing found).</param>
    /// <param name="antsTemplate">The template name for ANTs-named files, which do not say it.</param>
    /// <param name="problems">Ambiguities, as "row N: …" texts.</param>
    public static Found In(string directory, string antsTemplate, int row, List<string> problems)
    {
        if (!Directory.Exists(directory)) return None;
        var files = Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        string? One(string role, IEnumerable<string> candidates)
        {
            var list = candidates.ToList();
            if (list.Count > 1) problems.Add($"row {row}: {directory} holds {list.Count} {role} transforms ({string.Join(", ", list)}); expected one");
            return list.Count == 1 ? Path.Combine(directory, list[0]) : null;
        }

        var flairNames = files.Where(f => FmriprepFlair().IsMatch(f)).ToList();
        if (flairNames.Count == 0) flairNames = files.Where(f => f.EndsWith("0GenericAffine.mat", StringComparison.Ordinal) && f.Contains("FLAIR", StringComparison.OrdinalIgnoreCase)).ToList();
        var flair = One("FLAIR→T1", flairNames);
        ImmutableArray<string> flairChain = flair is null ? [] : [flair];

        var forward = files.Select(f => (File: f, Match: FmriprepToTemplate().Match(f))).Where(m => m.Match.Success).ToList();
        if (forward.Count > 0)
        {
            var toTemplate = One("T1w→template", forward.Select(f => f.File));
            if (toTemplate is null) return new Found(flairChain, null, [], []);
            var template = forward[0].Match.Groups["template"].Value;
            var toSubject = One("template→T1w", files.Where(f => f == forward[0].File.Replace($"from-T1w_to-{template}_", $"from-{template}_to-T1w_", StringComparison.Ordinal)));
            if (toSubject is null)
                problems.Add($"row {row}: {directory} holds {forward[0].File} but not its inverse {forward[0].File.Replace($"from-T1w_to-{template}_", $"from-{template}_to-T1w_", StringComparison.Ordinal)}");
            return new Found(flairChain, template, [toTemplate], toSubject is null ? [] : [toSubject]);
        }

        var affine = One("ANTs template affine", files.Where(f => f.EndsWith("0GenericAffine.mat", StringComparison.Ordinal) && !f.Contains("FLAIR", StringComparison.OrdinalIgnoreCase)));
        if (affine is null) return new Found(flairChain, null, [], []);
        var warp = One("ANTs warp", files.Where(f => f.EndsWith("1Warp.nii.gz", StringComparison.Ordinal) && !f.EndsWith("1InverseWarp.nii.gz", StringComparison.Ordinal)));
        var inverseWarp = One("ANTs inverse warp", files.Where(f => f.EndsWith("1InverseWarp.nii.gz", StringComparison.Ordinal)));
        if ((warp is null) != (inverseWarp is null))
            problems.Add($"row {row}: {directory} holds {(warp is null ? "an inverse warp without its warp" : "a warp without its inverse warp")} (*1Warp.nii.gz, *1InverseWarp.nii.gz); expected both or neither");
        var chains = warp is not null && inverseWarp is not null
            ? Atlases(antsTemplate, affine, warp, inverseWarp)
            : (ToTemplate: [affine], ToSubject: [new TransformReference(affine, Invert: true).ToString()]);
        return new Found(flairChain, antsTemplate, chains.ToTemplate, chains.ToSubject);
    }

    private static (ImmutableArray<string> ToTemplate, ImmutableArray<string> ToSubject) Atlases(string template, string affine, string warp, string inverseWarp)
    {
        var transforms = Analysis.Spaces.Atlases.SubjectTemplateTransforms.FromAnts(template, affine, warp, inverseWarp);
        return ([.. transforms.ToTemplate.Select(t => t.ToString())], [.. transforms.ToSubject.Select(t => t.ToString())]);
    }

    [GeneratedRegex(@"from-FLAIR_to-T1w_mode-image_xfm\.(txt|mat|h5)\z")]
    private static partial Regex FmriprepFlair();

    [GeneratedRegex(@"from-T1w_to-(?<template>[A-Za-z0-9+]+)_mode-image_xfm\.h5\z")]
    private static partial Regex FmriprepToTemplate();
}

using System.Collections.Immutable;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Contracts;

/// <summary>
/// <c>analyses</c>: the subject's rows of each of the original's tables (<see cref="SubjectAnalyses"/>), each part stored
/// as a CSV artifact, which the cohort's analysis run concatenates into the merged tables; and the warnings (e.g. an
/// ROI its aseg.stats lacks).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.AnalysesResult")]
public sealed record AnalysesResult(
    [property: Id(0)] ImmutableArray<AnalysisTablePart> Tables,
    [property: Id(1)] ImmutableArray<string> Warnings) : StageResult
{
    /// <summary>A part's role: this prefix, the analysis's name, a colon and the table's path, e.g. <c>analysis:wml:WML/WMlesion.csv</c>.</summary>
    public const string RolePrefix = "analysis:";

    public override IEnumerable<(string Role, ArtifactReference Artifact)> Artifacts() =>
        Tables.Select(t => ($"{RolePrefix}{t.Analysis}:{t.RelativePath}", t.Stored));

    /// <summary>The analysis and table path a role names, or null when the role is not a table part's.</summary>
    public static (AnalysisKind Analysis, string RelativePath)? ParseRole(string role)
    {
        if (!role.StartsWith(RolePrefix, StringComparison.Ordinal)) return null;
        var rest = role[RolePrefix.Length..];
        var colon = rest.IndexOf(':');
        if (colon <= 0) return null;
        return (AnalysisKinds.Parse(rest[..colon], $"artifact role '{role}'"), rest[(colon + 1)..]);
    }
}

/// <summary>One table part: the analysis (its <c>analyze</c> flag name), the table's path under the results folder, and the stored CSV.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.AnalysisTablePart")]
public sealed record AnalysisTablePart(
    [property: Id(0)] string Analysis,
    [property: Id(1)] string RelativePath,
    [property: Id(2)] ArtifactReference Stored);

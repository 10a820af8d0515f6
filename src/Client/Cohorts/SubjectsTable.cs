using System.Globalization;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// <c>tables/subjects.csv</c>: a row per member with its covariates, each stage's status under the cohort's current
/// configuration, and the first failed stage with its reason. The numbers are in <c>cohort_features.csv</c>.
/// </summary>
public static class SubjectsTable
{
    public const string Name = "subjects";

    /// <returns>The file written, relative to the export folder.</returns>
    public static string Write(IReadOnlyList<CohortMember> members, string directory)
    {
        var stages = members.SelectMany(m => m.Stages.Select(s => s.Stage)).Distinct().ToList();
        var table = new ReportTable(Name,
            ["participant_id", "age", "sex", .. stages, "failed_stage", "error"],
            [.. members.Select(m =>
            {
                var failed = m.Stages.FirstOrDefault(s => s.Status == StageStatus.Failed);
                return (IReadOnlyList<string>)
                [
                    m.Submission.SubjectId,
                    m.Submission.Covariates.Age?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                    m.Submission.Covariates.Sex ?? "",
                    .. stages.Select(s => (m.Stages.FirstOrDefault(x => x.Stage == s)?.Status ?? StageStatus.Pending).ToString().ToLowerInvariant()),
                    failed?.Stage ?? "",
                    failed?.Error?.ReplaceLineEndings(" ").Replace('\t', ' ') ?? "",
                ];
            })]);
        table.WriteCsv(directory);
        return $"tables/{Name}.csv";
    }
}

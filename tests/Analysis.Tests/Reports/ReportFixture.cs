using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Reports;

/// <summary>
/// A report input over CohortStatisticsTests' six subjects (model "m", described by the repository's mrinet_t1 recipe),
/// one more subject that failed in the pvs stage, and the repository's configuration with the cohort's parameters.
/// </summary>
internal static class ReportFixture
{
    /// <summary>The repository's configuration plus model "m" with the model zoo's MRInet T1 recipe and three base models (placeholder files: a report reads no weights).</summary>
    public static RelevanceRelatedConfig Config()
    {
        var dir = TestData.NewTempDirectory("rr-report-config");
        File.Copy(Path.Combine(TestData.RepositoryRoot, "configs", "config.toml"), Path.Combine(dir, "config.toml"));
        var files = Enumerable.Range(1, 3).Select(i => Path.Combine(dir, $"m_{i}.onnx")).ToList();
        foreach (var file in files) File.WriteAllBytes(file, []);
        var zoo = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "configs", "models", "mrinet_t1.toml"));
        var entry = zoo[zoo.IndexOf("[models.mrinet_t1]", StringComparison.Ordinal)..]
            .Replace("[models.mrinet_t1]", "[models.m]", StringComparison.Ordinal)
            .Replace("files = [\"../../work/models/xai4mri/t1_model.onnx\"]", $"files = [{string.Join(", ", files.Select(f => $"\"{f}\""))}]", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "m.config.toml"), entry);
        return ConfigurationLoader.Load(dir).Config;
    }

    public static CohortReportInput Input(string rule = "lrp.sequential_preset_a", int version = 3, RegionLabelImage? labels = null,
        IReadOnlyList<SubjectFeatureRow>? rows = null, RelevanceRelatedConfig? config = null)
    {
        rows ??= CohortStatisticsTests.Cohort();
        config ??= Config();
        var parameters = new Dictionary<string, string> { ["analyzer_type"] = rule };
        var configuration = ReportConfiguration.Create(config, version, parameters, rule, ["m"], ReportConfiguration.Frangi);
        var subjects = rows.Select(r => new ReportSubject(r.SubjectId, r.Age, r.Sex, r, null, null,
                new SubjectFiles(new Dictionary<string, string> { ["m.relevance"] = $"maps/{r.SubjectId}_m.relevance.nii.gz" },
                    new Dictionary<string, string> { ["m"] = $"heatmaps/{r.SubjectId}_m.webp" }, InViewer: true)))
            .Append(new ReportSubject("sub-99", 70, "F", null, "pvs", "sub-99 T1: no brain voxels above the threshold", SubjectFiles.None))
            .ToList();
        var summaries = CohortStatistics.Summarise(rows);
        return new CohortReportInput("test", new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero), "1.2.3+abc", configuration, subjects, summaries,
            [.. summaries.Select(s => RegionalAnalysis.RelevanceAgainstAge(s, config.Params.Alpha))], [], labels);
    }
}

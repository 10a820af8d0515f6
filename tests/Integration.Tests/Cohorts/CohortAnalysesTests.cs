using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Analyses.Missingness;
using RelevanceRelated.Analysis.Analyses.Pvs;
using RelevanceRelated.Analysis.Analyses.Subcortical;
using RelevanceRelated.Analysis.Analyses.Wml;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Client;
using RelevanceRelated.Contracts;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// The published analyses on the cluster: every subject's analyses stage writes its rows, the cohort analyses grain
/// merges them under [paths].results/COHORT with the original's names and columns and runs the R scripts' statistics;
/// a subject's rows equal what the <c>features</c> verb writes for the same map on the console.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortAnalysesTests
{
    private const string Cohort = "analyses";

    /// <summary>Enough for every statistic (a cubic of age with its residual fit needs more than 4).</summary>
    private const int Subjects = 6;

    [Fact]
    public async Task Analyze_merges_every_subjects_rows_into_the_original_tables_and_runs_their_statistics()
    {
        var setup = AnalysisCohort.Create(subjects: Subjects, "[params.wml]\nrelevance = \"t1\"\n");
        var results = TestData.NewTempDirectory("rr-analyses-results");
        setup = setup with { Config = setup.Config with { Paths = setup.Config.Paths with { Results = results } } };
        await using var silo = await setup.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>(Cohort);
        await cohort.Submit(setup.Submissions);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(3));
        Assert.All(progress.Stages, s => Assert.Equal(Subjects, s.Done));

        var analyses = silo.Grains.GetGrain<ICohortAnalysesGrain>(Cohort);
        Assert.Null(await analyses.GetLast());
        var report = await analyses.Run([.. AnalysisKinds.All.Select(k => k.Name())]);

        var folder = Path.Combine(results, Cohort);
        Assert.Equal(folder, report.Outcome.Folder);
        Assert.Equal((Subjects, 0), (report.Subjects, report.SubjectsWithoutAnalyses));
        var lines = (string path) => File.ReadAllLines(Path.Combine(folder, path));

        var wml = lines("WML/WMlesion.csv");
        Assert.Equal(string.Join(',', MaskMetricsTable.Layout(MaskFeature.Wml, WmlCohort.SubjectColumn).Columns), wml[0]);
        Assert.Equal(setup.Submissions.Select(s => s.SubjectId).Order(), wml.Skip(1).Select(l => l.Split(',')[0]).Order());

        var cortical = lines("statsmaps/merged_cs_dktbase.csv");
        Assert.Equal(string.Join(',', CorticalTable.Layout.Columns), cortical[0]);
        Assert.Equal(Subjects * 68, cortical.Length - 1);
        var subcortical = lines("statsmaps/merged_subcort_aseg.csv");
        Assert.Equal(string.Join(',', SubcorticalTable.Layout.Columns), subcortical[0]);
        Assert.True(File.Exists(Path.Combine(folder, "PVS", "T1.PVS_t1-subens.csv")));
        Assert.Equal(Subjects + 1, lines("PVS/T1.PVS_dilate-1_t1-subens.csv").Length);
        Assert.Equal(Subjects + 1, lines($"{ResultsLayout.MissingnessFolder}/{CheckN.OverviewFileName}").Length);
        Assert.DoesNotContain(report.Outcome.Warnings, w => !w.StartsWith("fa:", StringComparison.Ordinal));

        // The statistics: what the R-checked functions compute on these merged tables.
        foreach (var file in new[] { "GM/correlation_results_cortical_gmv_dktbase.csv", "GM/corr_subcort_vol-relevance.csv", "check_N/check_N.csv",
                     "PVS/T1.PVS_t1_PVS-AGE-DBA.csv" })
            Assert.Contains(file, report.Outcome.StatisticsFiles);
        var gmv = Assert.Single(report.Outcome.Correlations, c => c.Title.StartsWith("dktbase: sum of relevance vs grey-matter volume", StringComparison.Ordinal));
        var expected = CorticalCohort.Run(CorticalAtlas.DesikanKilliany,
            CorticalTable.Read(Analysis.Statistics.Table.Read(Path.Combine(folder, "statsmaps", "merged_cs_dktbase.csv"))), setup.Config.Params.Alpha);
        Assert.Equal(expected.GrayMatterVolume.Select(c => (c.Label, c.R)), gmv.Regions.Select(r => (r.Region, r.R)));
        Assert.Equal(68, gmv.Regions.Count);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "GM", "corr_subcort_vol-relevance.csv")), report.StatisticsTables["GM/corr_subcort_vol-relevance.csv"]);
        Assert.Equal(report, await analyses.GetLast());

        // One subject's cortical rows equal the features verb's on the same relevance map (one façade for both).
        var first = setup.Submissions.OrderBy(s => s.SubjectId, StringComparer.Ordinal).First();
        var details = await CohortSilos.Details(silo.Grains, Cohort, first.SubjectId);
        var map = Path.Combine(setup.ArtifactsRoot, details.Stage(StageNames.Relevance).ResultAs<RelevanceResult>().Models[0].Map.RelativePath);
        var brainAge = details.Stage(StageNames.BrainAge).ResultAs<BrainAgeResult>().Models[0].Prediction.Ensemble;
        var console = TestData.NewTempDirectory("rr-analyses-console");
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = CommandRunner.Run(ConsoleCommands.CreateRoot(),
        [
            "--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "features", "--relevance", map,
            "--labels", Path.Combine(first.Inputs.FreeSurferDirectory!, "mri", "aparc+aseg.mgz"), "--resample-labels",
            "--freesurfer", first.Inputs.FreeSurferDirectory!, "--subject", first.SubjectId,
            "--age", first.Covariates.Age!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            "--brain-age", brainAge.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            "--out", Path.Combine(console, "regions.csv"),
        ], output, error);
        Assert.True(exit == 0, output + error.ToString());
        Assert.Equal(File.ReadAllLines(Path.Combine(console, "merged_cs_dktbase.csv")).Skip(1),
            cortical.Skip(1).Where(l => l.Split(',')[CorticalTable.Layout.Columns.ToList().IndexOf("subject")] == first.SubjectId));
    }

    [Fact]
    public async Task Only_the_chosen_analyses_are_written_and_a_rerun_replaces_the_previous_results()
    {
        var setup = AnalysisCohort.Create(subjects: 2);
        var results = TestData.NewTempDirectory("rr-analyses-results");
        setup = setup with { Config = setup.Config with { Paths = setup.Config.Paths with { Results = results } } };
        await using var silo = await setup.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>(Cohort);
        await cohort.Submit(setup.Submissions);
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(3));
        var analyses = silo.Grains.GetGrain<ICohortAnalysesGrain>(Cohort);

        var all = await analyses.Run(["sub", "cs"]);
        Assert.Equal(["cs", "sub"], all.Analyses);
        Assert.All(all.Outcome.Tables, t => Assert.Contains(t.Analysis, new[] { AnalysisKind.Cortical, AnalysisKind.Subcortical }));
        Assert.False(Directory.Exists(Path.Combine(results, Cohort, "PVS")));

        var subcorticalOnly = await analyses.Run(["sub"]);
        Assert.Equal([SubcorticalTable.FileName], subcorticalOnly.Outcome.Tables.Select(t => Path.GetFileName(t.RelativePath)));
        Assert.False(File.Exists(Path.Combine(results, Cohort, "statsmaps", "merged_cs_dktbase.csv")));
        Assert.DoesNotContain(Directory.GetDirectories(results), d => d.Contains(".staging-") || d.Contains(".previous-"));

        // FLAIR relevance is what WML reads by default; this cohort has only a T1 model, so WML says it has nothing.
        var wml = await analyses.Run(["wml"]);
        Assert.Empty(wml.Outcome.Tables);
        Assert.Contains(wml.Outcome.Warnings, w => w.StartsWith("wml: no subject", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<Exception>(() => analyses.Run(["nonsense"]));
    }
}

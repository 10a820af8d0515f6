using RelevanceRelated.Analysis.Artifacts;
using System.Globalization;
using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Client;
using RelevanceRelated.Contracts;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// The science steps are wired once: one subject through the console verbs (<c>pvs</c>, <c>brainage</c>, <c>features</c>)
/// and through the cluster's stages gives the same PVS mask, the same predictions, the same relevance map and the same
/// features.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConsoleClusterIdentityTests
{
    private const string Model = AnalysisCohort.Model;

    [Fact]
    public async Task One_subject_through_the_console_verbs_and_through_the_cluster_stages_gives_identical_masks_predictions_maps_and_features()
    {
        var setup = AnalysisCohort.Create(subjects: 1, "[params.wml]\nmin_voxels = 0\n");
        var subject = setup.Submissions[0];
        await using var silo = await setup.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>("identity");
        await cohort.Submit(setup.Submissions);
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));
        var details = await CohortSilos.Details(silo.Grains, "identity", subject.SubjectId);
        var pvs = details.Stage(StageNames.Pvs).ResultAs<PvsResult>();
        var brainAge = details.Stage(StageNames.BrainAge).ResultAs<BrainAgeResult>().Model(Model)!;
        var relevance = details.Stage(StageNames.Relevance).ResultAs<RelevanceResult>().Model(Model)!;
        var features = details.Stage(StageNames.Features).ResultAs<FeaturesResult>().Models.Single();

        var dir = TestData.NewTempDirectory("rr-identity");
        string[] config = ["--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--config", setup.ConfigFile];
        var freeSurfer = subject.Inputs.FreeSurferDirectory!;
        var age = subject.Covariates.Age!.Value.ToString("R", CultureInfo.InvariantCulture);

        var mask = Path.Combine(dir, "pvs.nii.gz");
        Run(["pvs", "--t1", subject.Inputs.T1, "--labels", Path.Combine(freeSurfer, "mri", "aseg.mgz"), "--out", mask, .. config]);
        Assert.Equal(Voxels(Stored(setup, pvs.Mask)), Voxels(mask));

        var brainAgeJson = Run(["brainage", "--model", Model, "--t1", subject.Inputs.T1, "--age", age, "--relevance-out", dir, "--json", .. config]);
        using (var report = JsonDocument.Parse(brainAgeJson))
        {
            Assert.Equal(brainAge.Prediction.BaseModels, report.RootElement.GetProperty("base_models").EnumerateArray().Select(b => b.GetProperty("prediction").GetDouble()));
            Assert.Equal(brainAge.Prediction.Ensemble, report.RootElement.GetProperty("prediction").GetDouble());
            Assert.Equal(brainAge.Prediction.Dba, report.RootElement.GetProperty("dba").GetDouble());
        }
        var map = Path.Combine(dir, $"{Model}_relevance.nii.gz");
        Assert.Equal(Voxels(Stored(setup, relevance.Map)), Voxels(map));

        var table = Path.Combine(dir, "regions.csv");
        Run(["features", "--relevance", map, "--labels", Path.Combine(freeSurfer, "mri", "aparc+aseg.mgz"), "--resample-labels", "--mask", mask, "--feature", "pvs",
            "--age", age, "--brain-age", brainAge.Prediction.Ensemble.ToString("R", CultureInfo.InvariantCulture), "--out", table, .. config]);
        var pvsMetrics = Csv(Path.Combine(dir, "regions_pvs.csv")).Single();
        var expected = features.Pvs!;
        Assert.Equal(expected.NFeatureVoxel, double.Parse(pvsMetrics["n_pvs_voxel"], CultureInfo.InvariantCulture));
        Assert.Equal(expected.PFeatureVoxel, double.Parse(pvsMetrics["p_pvs_voxel"], CultureInfo.InvariantCulture));
        Assert.Equal(expected.SFeatureVoxel, double.Parse(pvsMetrics["s_pvs_voxel"], CultureInfo.InvariantCulture));
        var regions = Csv(table).ToDictionary(r => int.Parse(r["label"], CultureInfo.InvariantCulture), r => double.Parse(r["sum_relevance"], CultureInfo.InvariantCulture));
        Assert.Equal(features.Regions!.Labels, regions.Keys.Order());
        for (var i = 0; i < features.Regions.Labels.Length; i++) Assert.Equal(features.Regions.Sums[i], regions[features.Regions.Labels[i]]);
    }

    private static string Stored(AnalysisCohort setup, ArtifactReference reference) => Path.Combine(setup.ArtifactsRoot, reference.RelativePath);

    private static float[] Voxels(string path)
    {
        using var volume = VolumeFile.Read(path);
        return volume.Frame(0).ToArray();
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static string Run(string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = CommandRunner.Run(ConsoleCommands.CreateRoot(), args, output, error);
        Assert.True(exitCode == 0, $"{string.Join(' ', args.Take(1))}: {error}");
        return output.ToString();
    }
}

using System.Collections.Immutable;
using System.Text.Json;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Client;
using RelevanceRelated.Client.Cohorts;
using RelevanceRelated.Contracts;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// A subject's inputs in other spaces through the cluster's ingest: a FLAIR (and lesion map) on its own grid moved onto
/// the T1 by its given transform or by registration, template transforms and an FA map stored for the analyses, bad
/// files refused naming them; and a prepared model-grid input predicted as the console predicts it.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class SubjectSpacesTests
{
    /// <summary>A simulated cohort (FLAIR on its own grid) under the data root, read as <c>submit</c> reads it.</summary>
    private static (BidsLayout Layout, IReadOnlyList<SubjectSubmission> Subjects) Simulate(CohortTestData data, int subjects, double voxelSize)
    {
        var layout = new BidsLayout(Path.Combine(data.DataRoot, "bids"));
        CohortSimulator.Write(CohortSimulator.Participants(subjects, seed: 21), new SimulationGrid(voxelSize), layout, flairOnOwnGrid: true);
        return (layout, ParticipantsFile.Read(layout.Participants, layout.Root, lesionsDirectory: Path.Combine(layout.Root, "derivatives", "lesions"),
            dataRoot: data.DataRoot, transformsDirectory: layout.Transforms, faDirectory: layout.FaMaps, template: TemplateSpace.Name));
    }

    [Fact]
    public async Task A_FLAIR_on_its_own_grid_with_its_transform_is_stored_as_volume_transform_moves_it()
    {
        var data = new CohortTestData();
        var (layout, subjects) = Simulate(data, 1, 4);
        var id = subjects[0].SubjectId;
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("spaces");

        await cohort.Submit([.. subjects]);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(1));
        var ingest = (await CohortSilos.Details(silo.Grains, "spaces", id)).Stage(StageNames.Ingest).ResultAs<IngestResult>();
        var store = new ArtifactStore(data.ArtifactsRoot);
        var expected = Path.Combine(data.DataRoot, "flair_on_t1.nii.gz");
        var console = Console("volume", "transform", layout.Flair(id), "--reference", layout.T1w(id), "-t", layout.FlairToT1(id), "--out", expected);

        Assert.Empty(progress.Failures);
        Assert.Equal(0, console.ExitCode);
        Assert.Equal([layout.FlairToT1(id)], subjects[0].Inputs.FlairToT1);
        using var stored = VolumeFile.Read(await store.GetVerifiedPathAsync(ingest.Image(IngestResult.Flair)!.Stored, TestContext.Current.CancellationToken));
        using var byConsole = VolumeFile.Read(expected);
        using var t1 = VolumeFile.Read(layout.T1w(id));
        Assert.Equal(t1.Shape3, stored.Shape3);
        Assert.Equal(byConsole.Affine.ToArray(), stored.Affine.ToArray());
        Assert.True(byConsole.Frame(0).SequenceEqual(stored.Frame(0)), "the stored FLAIR differs from `volume transform` of it");
        var move = ingest.Image(IngestResult.Flair)!.Move!;
        Assert.Equal(ingest.Chain(IngestResult.FlairToT1)!.Files[0].Stored.Sha256, Assert.Single(move.Transforms).Sha256);
        Assert.Equal("linear", move.Interpolation);
        Assert.NotNull(ingest.Image(IngestResult.LesionProbability)!.Move);
    }

    [Fact]
    public async Task Template_transforms_and_the_FA_map_are_stored_and_load_as_the_subjects_template_chain()
    {
        var data = new CohortTestData();
        var (layout, subjects) = Simulate(data, 1, 4);
        var id = subjects[0].SubjectId;
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("template");

        await cohort.Submit([.. subjects]);
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(1));
        var ingest = (await CohortSilos.Details(silo.Grains, "template", id)).Stage(StageNames.Ingest).ResultAs<IngestResult>();
        var store = new ArtifactStore(data.ArtifactsRoot);
        var transforms = (await ingest.TemplateTransformsAsync(store, TestContext.Current.CancellationToken))!;
        var toTemplate = TransformChainLoader.Load(transforms.ToTemplate, TestContext.Current.CancellationToken);
        var toSubject = TransformChainLoader.Load(transforms.ToSubject, TestContext.Current.CancellationToken);
        var truth = Truth(layout, id).GetProperty("template_to_subject_affine").EnumerateArray().Select(v => v.GetDouble()).ToArray();

        Assert.Equal(TemplateSpace.Name, ingest.Template);
        Assert.Equal([false], ingest.Chain(IngestResult.ToTemplate)!.Files.Select(f => f.Invert));
        Assert.Equal([true], ingest.Chain(IngestResult.ToSubject)!.Files.Select(f => f.Invert));
        var (x, y, z) = toTemplate.Map(10, -20, 30);
        Assert.Equal(truth[0] * 10 + truth[3], x, 9);
        Assert.Equal(truth[5] * -20 + truth[7], y, 9);
        Assert.Equal(truth[10] * 30 + truth[11], z, 9);
        var (bx, by, bz) = toSubject.Map(x, y, z);
        Assert.Equal((10.0, -20.0, 30.0), (Math.Round(bx, 9), Math.Round(by, 9), Math.Round(bz, 9)));
        var fa = ingest.Image(IngestResult.FractionalAnisotropy)!;
        Assert.Equal(ImageFingerprint.Of(layout.Fa(id)), fa.SourceFingerprint);
        Assert.Equal([new TemplateSpace(4).Nx, new TemplateSpace(4).Ny, new TemplateSpace(4).Nz], fa.Shape);
    }

    [Fact]
    public async Task A_FLAIR_off_the_T1_grid_without_a_transform_is_refused_naming_both_ways_to_bring_it()
    {
        var data = new CohortTestData();
        var (layout, subjects) = Simulate(data, 1, 4);
        var subject = subjects[0] with { Inputs = subjects[0].Inputs with { FlairToT1 = [], LesionProbability = null } };
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("unaligned");

        await cohort.Submit([subject]);
        var failure = Assert.Single((await CohortSilos.WaitForCompletionAsync(cohort)).Failures);

        Assert.Equal(StageNames.Ingest, failure.Stage);
        Assert.StartsWith($"FLAIR image '{layout.Flair(subject.SubjectId)}' is not on the grid of T1 image '{layout.T1w(subject.SubjectId)}'", failure.Reason);
        Assert.Contains("a flair_to_t1 column", failure.Reason);
        Assert.Contains("submit --flair-alignment register", failure.Reason);
    }

    [Fact]
    public async Task Flair_alignment_register_recovers_the_known_head_movement_between_the_scans()
    {
        var data = new CohortTestData();
        var (layout, subjects) = Simulate(data, 1, 2);
        var subject = subjects[0] with { Inputs = subjects[0].Inputs with { FlairToT1 = [] } };
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("register");

        await cohort.Reconfigure(ImmutableSortedDictionary<string, string>.Empty.Add(CohortParameters.FlairAlignment, "register"));
        await cohort.Submit([subject]);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(3));
        var ingest = (await CohortSilos.Details(silo.Grains, "register", subject.SubjectId)).Stage(StageNames.Ingest).ResultAs<IngestResult>();
        var chain = await ingest.Chain(IngestResult.FlairToT1)!.LoadAsync(new ArtifactStore(data.ArtifactsRoot), cancellationToken: TestContext.Current.CancellationToken);
        var truth = new Affine([.. Truth(layout, subject.SubjectId).GetProperty("flair_to_t1_affine").EnumerateArray().Select(v => v.GetDouble())]);
        using var t1 = VolumeFile.Read(layout.T1w(subject.SubjectId));
        var centre = t1.Affine.Apply(t1.Nx / 2.0, t1.Ny / 2.0, t1.Nz / 2.0);

        Assert.Empty(progress.Failures);
        Assert.EndsWith(".mat", ingest.Chain(IngestResult.FlairToT1)!.Files[0].Stored.RelativePath);
        // Brain points up to 50 mm from the centre land within 1 mm (half a voxel) of where the known movement puts them.
        var worst = 0.0;
        foreach (var dx in (double[])[-50, 0, 50])
            foreach (var dy in (double[])[-50, 0, 50])
                foreach (var dz in (double[])[-50, 0, 50])
                {
                    var (px, py, pz) = (centre.X + dx, centre.Y + dy, centre.Z + dz);
                    var (rx, ry, rz) = chain.Map(px, py, pz);
                    var (tx, ty, tz) = truth.Apply(px, py, pz);
                    worst = Math.Max(worst, Math.Sqrt((rx - tx) * (rx - tx) + (ry - ty) * (ry - ty) + (rz - tz) * (rz - tz)));
                }
        Assert.True(worst < 1.0, $"registered FLAIR→T1 differs from the simulated movement by up to {worst:F2} mm");
        Assert.StartsWith("registered: rigid Mattes MI", ingest.Chain(IngestResult.FlairToT1)!.Files[0].Source);
    }

    [Fact]
    public async Task A_truncated_transform_and_a_4D_FA_map_are_refused_naming_the_file()
    {
        var data = new CohortTestData();
        var (layout, subjects) = Simulate(data, 2, 4);
        var truncated = Path.Combine(data.DataRoot, "broken_0GenericAffine.mat");
        File.WriteAllBytes(truncated, File.ReadAllBytes(layout.TemplateAffine(subjects[0].SubjectId))[..20]);
        var fourD = Path.Combine(data.DataRoot, "sub-002_FA.nii.gz");
        File.Copy(TestData.File("nifti", "example4d.nii.gz"), fourD);
        SubjectSubmission[] submitted =
        [
            subjects[0] with { Inputs = subjects[0].Inputs with { ToTemplate = [truncated] } },
            subjects[1] with { Inputs = subjects[1].Inputs with { FractionalAnisotropy = fourD } },
        ];
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("bad-files");

        await cohort.Submit([.. submitted]);
        var failures = (await CohortSilos.WaitForCompletionAsync(cohort)).Failures.OrderBy(f => f.SubjectId).ToList();

        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Equal(StageNames.Ingest, f.Stage));
        Assert.Contains("broken_0GenericAffine.mat", failures[0].Reason);
        Assert.StartsWith($"FA map image '{fourD}' has 2 frames", failures[1].Reason);
    }

    [Fact]
    public async Task A_prepared_input_is_predicted_as_brainage_prepared_predicts_it_and_explained_on_the_native_grid()
    {
        var setup = AnalysisCohort.Create(subjects: 1);
        var subject = setup.Submissions[0];
        var prepared = Path.Combine(setup.Config.Paths.Data, "prepared", $"{subject.SubjectId}_tiny.nii.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(prepared)!);
        // The model-grid input made outside the service: here by our own recipe, written by the console.
        var made = Console("--config", setup.ConfigFile, "brainage", "--model", AnalysisCohort.Model, "--t1", subject.Inputs.T1, "--input-out", prepared);
        var console = Console("--config", setup.ConfigFile, "brainage", "--model", AnalysisCohort.Model, "--t1", subject.Inputs.T1,
            "--prepared", prepared, "--age", subject.Covariates.Age!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "--json");
        var expected = JsonDocument.Parse(console.Output).RootElement.GetProperty("prediction").GetDouble();
        await using var silo = await setup.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>("prepared");

        await cohort.Submit([subject with { Inputs = subject.Inputs with { Prepared = ImmutableDictionary<string, string>.Empty.Add(AnalysisCohort.Model, prepared) } }]);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));
        var details = await CohortSilos.Details(silo.Grains, "prepared", subject.SubjectId);
        var run = details.Stage(StageNames.BrainAge).ResultAs<BrainAgeResult>().Model(AnalysisCohort.Model)!;
        var relevance = details.Stage(StageNames.Relevance).ResultAs<RelevanceResult>().Model(AnalysisCohort.Model)!;

        Assert.Equal((0, 0), (made.ExitCode, console.ExitCode));
        Assert.Empty(progress.Failures);
        Assert.True(run.Prepared);
        Assert.Equal(expected, run.Prediction.Ensemble, 9);
        Assert.NotNull(details.Stage(StageNames.Ingest).ResultAs<IngestResult>().Image(IngestResult.Prepared(AnalysisCohort.Model)));
        using var map = VolumeFile.Read(Path.Combine(setup.ArtifactsRoot, relevance.Map.RelativePath));
        using var t1 = VolumeFile.Read(subject.Inputs.T1);
        Assert.Equal(t1.Shape3, map.Shape3);
        Assert.Contains(map.Frame(0).ToArray(), v => v != 0);
    }

    private static JsonElement Truth(BidsLayout layout, string id) => JsonDocument.Parse(File.ReadAllText(layout.Truth(id))).RootElement;

    private static (int ExitCode, string Output, string Error) Console(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = CommandRunner.Run(ConsoleCommands.CreateRoot(), args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}

using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Contracts;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>What the ingest stage lets in: only files really below the data root, and a T1 with several frames only when the frame is named.</summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class IngestInputTests
{
    /// <summary>nibabel 5.0.0: <c>np.asarray(img.dataobj[..., 1], dtype=np.float64)</c> of example4d.nii.gz, sum and count_nonzero.</summary>
    private const double Example4dFrame1Sum = 50990959.0;
    private const long Example4dFrame1NonZero = 114863;

    [Fact]
    public async Task A_T1_that_is_a_symbolic_link_to_a_file_outside_the_data_root_is_refused()
    {
        var data = new CohortTestData();
        var outside = Path.Combine(Path.GetDirectoryName(data.DataRoot)!, "private_T1w.nii.gz");
        CohortTestData.WriteVolume(outside, 100, Affine.Identity);
        var link = Path.Combine(Directory.CreateDirectory(Path.Combine(data.DataRoot, "sub-01", "anat")).FullName, "sub-01_T1w.nii.gz");
        File.CreateSymbolicLink(link, outside);
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("symlink");

        await cohort.Submit([new SubjectSubmission("sub-01", new SubjectInputs(link), new Covariates())]);
        var failure = Assert.Single((await CohortSilos.WaitForCompletionAsync(cohort)).Failures);

        Assert.Equal(StageNames.Ingest, failure.Stage);
        Assert.Equal($"T1 image '{link}' lies through a symbolic link outside the data root '{data.DataRoot}' ([paths].data); inputs must be below it.", failure.Reason);
        Assert.False(Directory.Exists(Path.Combine(data.ArtifactsRoot, "sha256")) && Directory.EnumerateFiles(Path.Combine(data.ArtifactsRoot, "sha256"), "*", SearchOption.AllDirectories).Any(),
            "nothing of the outside file may reach the artifact store");
    }

    [Fact]
    public async Task A_T1_with_several_frames_is_refused_unless_the_frame_is_named()
    {
        var data = new CohortTestData();
        var t1 = Path.Combine(Directory.CreateDirectory(Path.Combine(data.DataRoot, "sub-01", "anat")).FullName, "sub-01_T1w.nii.gz");
        File.Copy(TestData.File("nifti", "example4d.nii.gz"), t1);
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("frames");

        await cohort.Submit([new SubjectSubmission("sub-01", new SubjectInputs(t1), new Covariates())]);
        var failure = Assert.Single((await CohortSilos.WaitForCompletionAsync(cohort)).Failures);

        Assert.Equal(StageNames.Ingest, failure.Stage);
        Assert.Equal($"T1 image '{t1}' has 2 frames (shape 128x96x24x2); expected one 3-D image. Say which frame to use (0-based): " +
            "a t1_frame column in the participants file, or submit --t1-frame K.", failure.Reason);
    }

    [Fact]
    public async Task A_named_frame_is_ingested_as_its_own_3D_image_as_nibabel_reads_it()
    {
        var data = new CohortTestData();
        var t1 = Path.Combine(Directory.CreateDirectory(Path.Combine(data.DataRoot, "sub-01", "anat")).FullName, "sub-01_T1w.nii.gz");
        File.Copy(TestData.File("nifti", "example4d.nii.gz"), t1);
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("frame-1");

        await cohort.Submit([new SubjectSubmission("sub-01", new SubjectInputs(t1, T1Frame: 1), new Covariates())]);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);
        var ingest = (await CohortSilos.Details(silo.Grains, "frame-1", "sub-01")).Stage(StageNames.Ingest).ResultAs<IngestResult>();
        var t1Stored = ingest.Image(IngestResult.T1)!;
        using var stored = VolumeFile.Read(await new ArtifactStore(data.ArtifactsRoot).GetVerifiedPathAsync(t1Stored.Stored, TestContext.Current.CancellationToken));
        var statistics = VolumeStatistics.Of(stored.Data);

        Assert.Empty(progress.Failures);
        Assert.Equal([128, 96, 24], stored.Shape);
        Assert.Equal([128, 96, 24], t1Stored.Shape);
        Assert.Equal((Example4dFrame1Sum, Example4dFrame1NonZero), (statistics.Sum, statistics.NonZero));
    }

    [Fact]
    public async Task A_frame_that_the_T1_does_not_have_is_refused()
    {
        var data = new CohortTestData();
        var t1 = Path.Combine(Directory.CreateDirectory(Path.Combine(data.DataRoot, "sub-01", "anat")).FullName, "sub-01_T1w.nii.gz");
        File.Copy(TestData.File("nifti", "example4d.nii.gz"), t1);
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("frame-5");

        await cohort.Submit([new SubjectSubmission("sub-01", new SubjectInputs(t1, T1Frame: 5), new Covariates())]);
        var failure = Assert.Single((await CohortSilos.WaitForCompletionAsync(cohort)).Failures);

        Assert.Contains("has 2 frames (shape 128x96x24x2), so frame 5 does not exist; expected 0 to 1.", failure.Reason);
    }
}

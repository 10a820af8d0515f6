using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Client.Tests;

/// <summary>A hand-made relevance map on bert's aseg grid: +1 in Left-Hippocampus (17), −1 in Right-Hippocampus (53).</summary>
public sealed class BertHippocampusRelevance : IDisposable
{
    public string Folder { get; } = TestData.NewTempDirectory("rr-features-cli");
    public string Aseg { get; } = TestData.File("freesurfer", "bert", "mri", "aseg.mgz");
    public string Relevance => Path.Combine(Folder, "relevance.nii.gz");
    public string PvsMask => Path.Combine(Folder, "pvs.nii.gz");

    public BertHippocampusRelevance()
    {
        using var aseg = VolumeFile.Read(Aseg);
        using var relevance = aseg.CreateLike(VoxelType.Float32);
        using var pvs = aseg.CreateLike(VoxelType.UInt8);
        for (var i = 0; i < aseg.Data.Length; i++)
        {
            if (aseg.Data[i] == 17) { relevance.Data[i] = 1; pvs.Data[i] = 1; }
            else if (aseg.Data[i] == 53) relevance.Data[i] = -1;
        }
        VolumeFile.Write(relevance, Relevance);
        VolumeFile.Write(pvs, PvsMask);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public class FeaturesCommandTests(BertHippocampusRelevance bert) : IClassFixture<BertHippocampusRelevance>
{
    [Fact]
    public void Features_writes_regional_mask_and_joined_tables()
    {
        var dir = TestData.NewTempDirectory();
        var outPath = Path.Combine(dir, "regions.csv");
        var result = ConsoleRunner.Run("features", "--relevance", bert.Relevance, "--labels", bert.Aseg, "--mask", bert.PvsMask,
            "--feature", "pvs", "--subject", "bert", "--age", "40", "--brain-age", "45",
            "--freesurfer", Path.Combine(TestData.SharedData, "freesurfer", "bert"), "--rois", "Left-Hippocampus,Right-Hippocampus",
            "--out", outPath);
        Assert.True(result.ExitCode == 0, result.Error);

        var regions = Table.Read(outPath);
        Assert.Equal(["subject", "label", "structure_name", "sum_relevance", "mean_relevance", "min_relevance", "max_relevance", "n_voxels"], regions.Columns);
        var row = Array.IndexOf(regions.Text("label"), "17");
        Assert.Equal("Left-Hippocampus", regions.Text("structure_name")[row]);
        Assert.Equal(4508, regions.Numeric("sum_relevance")[row]);
        Assert.Equal(4508, regions.Numeric("n_voxels")[row]);

        var pvs = Table.Read(Path.Combine(dir, "regions_pvs.csv"));
        Assert.Equal(4508, pvs.Numeric("n_pvs_voxel")[0]);
        Assert.Equal(4508 - 4634, pvs.Numeric("s_voxel")[0]);
        Assert.Equal(45, pvs.Numeric("brain_age")[0]);

        // merged_subcort_aseg.csv: every aseg.stats structure, the original's columns.
        var subcortical = Table.Read(Path.Combine(dir, "merged_subcort_aseg.csv"));
        Assert.Equal(45, subcortical.Count);
        Assert.Equal(["Column", "label_id", "voxel", "volume", "label_name", "Mean", "STD", "Min", "Max", "Range", "NA1", "NA2", "subject",
            "source_basename", "mean_relevance", "sum_relevance", "min_relevance", "max_relevance", "age", "brain_age"], subcortical.Columns);
        var names = subcortical.Text("label_name");
        var (left, right) = (Array.IndexOf(names, "Left-Hippocampus"), Array.IndexOf(names, "Right-Hippocampus"));
        Assert.Equal((4422.1, 4591.8), (subcortical.Numeric("volume")[left], subcortical.Numeric("volume")[right]));
        Assert.Equal((4508.0, -4634.0), (subcortical.Numeric("sum_relevance")[left], subcortical.Numeric("sum_relevance")[right]));
        // Cortical tables for the atlases whose stats bert has: DK (34 + 34) and FreeSurfer 7's DKT (31 + 31); no Destrieux label volume.
        var dk = Table.Read(Path.Combine(dir, "merged_cs_dktbase.csv"));
        Assert.Equal(68, dk.Count);
        Assert.Equal("number_of_vertices", dk.Columns[2]);
        Assert.Equal(62, Table.Read(Path.Combine(dir, "merged_cs_dkt.csv")).Count);
        Assert.False(File.Exists(Path.Combine(dir, "merged_cs_destrieux.csv")));
    }

    [Fact]
    public void Lesion_threshold_defaults_to_the_configuration()
    {
        // The binary mask holds 1 inside the left hippocampus: above [params.wml].threshold = 0.8.
        var dir = TestData.NewTempDirectory();
        var result = ConsoleRunner.Run("features", "--relevance", bert.Relevance, "--labels", bert.Aseg, "--mask", bert.PvsMask,
            "--feature", "wml", "--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--out", Path.Combine(dir, "f.csv"));
        Assert.True(result.ExitCode == 0, result.Error);
        var wml = Table.Read(Path.Combine(dir, "f_wml.csv"));
        Assert.Equal(4508, wml.Numeric("n_wml_voxel")[0]);
        Assert.Equal(1, wml.Numeric("a_wml_voxel")[0]);
    }

    [Fact]
    public void A_missing_roi_is_a_warning_not_a_failure()
    {
        var dir = TestData.NewTempDirectory();
        var result = ConsoleRunner.Run("features", "--relevance", bert.Relevance, "--labels", bert.Aseg,
            "--freesurfer", Path.Combine(TestData.SharedData, "freesurfer", "bert"), "--rois", "Left-Thalamus-Proper,Left-Claustrum",
            "--out", Path.Combine(dir, "r.csv"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Left-Claustrum", result.Error);
        var names = Table.Read(Path.Combine(dir, "merged_subcort_aseg.csv")).Text("label_name");
        Assert.Contains("Left-Thalamus-Proper", names); // FreeSurfer 7's Left-Thalamus under the configured FreeSurfer 6 name
        Assert.Equal("Left-Claustrum", names[^1]);
    }

    [Fact]
    public void A_mask_without_a_feature_is_bad_input()
    {
        var result = ConsoleRunner.Run("features", "--relevance", bert.Relevance, "--labels", bert.Aseg, "--mask", bert.PvsMask,
            "--out", Path.Combine(TestData.NewTempDirectory(), "x.csv"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--feature", result.Error);
    }
}

using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

public sealed class SimulateCommandTests
{
    [Fact]
    public void Simulate_writes_the_cohort_and_reports_each_subject()
    {
        var dir = TestData.NewTempDirectory();

        var result = ConsoleRunner.Run("simulate", "--subjects", "2", "--seed", "4", "--out", dir, "--voxel-size", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sub-001", result.Output);
        Assert.Contains("sub-002", result.Output);
        Assert.Contains("simulated 2 subject(s) on a 88x100x104 grid", result.Output);
        Assert.True(File.Exists(Path.Combine(dir, "sub-002", "anat", "sub-002_FLAIR.nii.gz")));
        Assert.True(File.Exists(Path.Combine(dir, "derivatives", "freesurfer", "sub-001", "stats", "lh.aparc.stats")));
    }

    [Fact]
    public void Simulate_is_byte_identical_for_the_same_seed()
    {
        var a = TestData.NewTempDirectory();
        var b = TestData.NewTempDirectory();

        Assert.Equal(0, ConsoleRunner.Run("simulate", "--subjects", "1", "--seed", "9", "--out", a, "--voxel-size", "2", "--age-range", "50:70").ExitCode);
        Assert.Equal(0, ConsoleRunner.Run("simulate", "--subjects", "1", "--seed", "9", "--out", b, "--voxel-size", "2", "--age-range", "50:70").ExitCode);

        var files = Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order().ToList();
        Assert.Equal(files, Directory.EnumerateFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order());
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f))));
    }

    [Fact]
    public void Ages_are_drawn_from_the_age_range()
    {
        var dir = TestData.NewTempDirectory();

        Assert.Equal(0, ConsoleRunner.Run("simulate", "--subjects", "3", "--seed", "2", "--out", dir, "--voxel-size", "4", "--age-range", "40:45").ExitCode);

        var ages = File.ReadAllLines(Path.Combine(dir, "participants.tsv")).Skip(1)
            .Select(l => double.Parse(l.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(ages, age => Assert.InRange(age, 40, 45));
    }

    [Fact]
    public void A_malformed_age_range_exits_2_naming_the_option()
    {
        var result = ConsoleRunner.Run("simulate", "--subjects", "1", "--out", TestData.NewTempDirectory(), "--age-range", "80-20");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--age-range", result.Error);
    }

    [Fact]
    public void Zero_subjects_exits_2()
    {
        var result = ConsoleRunner.Run("simulate", "--subjects", "0", "--out", TestData.NewTempDirectory());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--subjects", result.Error);
    }

    [Fact]
    public void Flair_own_grid_writes_the_FLAIR_off_the_T1_grid_with_its_transform_and_the_template_files()
    {
        var dir = TestData.NewTempDirectory();

        var result = ConsoleRunner.Run("simulate", "--subjects", "1", "--seed", "3", "--out", dir, "--voxel-size", "4", "--flair-own-grid");

        var layout = new RelevanceRelated.Analysis.Simulation.BidsLayout(dir);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"--transforms {layout.Transforms} --fa {layout.FaMaps} --template SimMNI", result.Output);
        Assert.True(File.Exists(layout.FlairToT1("sub-001")));
        Assert.All(layout.SubjectFiles("sub-001").Concat(layout.TemplateFiles()), f => Assert.True(File.Exists(f), f));
        using var flair = RelevanceRelated.Analysis.Imaging.VolumeFile.Read(layout.Flair("sub-001"));
        using var t1 = RelevanceRelated.Analysis.Imaging.VolumeFile.Read(layout.T1w("sub-001"));
        Assert.False(RelevanceRelated.Analysis.Imaging.VoxelGrid.Same(t1, flair), "the FLAIR must lie on its own grid");
    }
}

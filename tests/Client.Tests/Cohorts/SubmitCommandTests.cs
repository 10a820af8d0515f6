using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests.Cohorts;

/// <summary><c>submit</c> as a user runs it: bad input is refused (exit 2) before any cluster is asked.</summary>
public sealed class SubmitCommandTests
{
    private static readonly string Configs = Path.Combine(TestData.RepositoryRoot, "configs");

    [Fact]
    public void A_freesurfer_folder_that_does_not_exist_fails_the_submit()
    {
        var (data, participants, config) = Cohort();
        var missing = Path.Combine(data, "derivatives", "freesurfer");

        var result = ConsoleRunner.Run("submit", "--cohort", "c", "--participants", participants, "--freesurfer", missing, "--config-dir", Configs, "--config", config);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--freesurfer '{missing}' is not an existing folder.", result.Error);
    }

    [Fact]
    public void Inputs_outside_the_configured_data_root_fail_the_submit_naming_the_rows()
    {
        var (_, participants, _) = Cohort();
        var elsewhere = Path.Combine(TestData.NewTempDirectory("rr-submit"), "config.toml");
        File.WriteAllText(elsewhere, $"[paths]\ndata = \"{TestData.NewTempDirectory("rr-other-data")}\"\n");

        var result = ConsoleRunner.Run("submit", "--cohort", "c", "--participants", participants, "--config-dir", Configs, "--config", elsewhere);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("row 2: T1 image", result.Error);
        Assert.Contains("lies outside the data root", result.Error);
    }

    [Fact]
    public void A_cohort_name_with_a_control_character_is_shown_escaped()
    {
        var (_, participants, config) = Cohort();

        var result = ConsoleRunner.Run("submit", "--cohort", "bad\u001bname", "--participants", participants, "--config-dir", Configs, "--config", config);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--cohort 'bad\\u001Bname' contains a control character", result.Error);
        Assert.DoesNotContain('\u001b', result.Error);
    }

    [Fact]
    public void The_t1_frame_option_is_listed_in_help()
    {
        var result = ConsoleRunner.Run("submit", "--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("--t1-frame", result.Output);
    }

    /// <summary>A data root with one subject's T1, its participants file, and a configuration naming the root.</summary>
    private static (string Data, string Participants, string Config) Cohort()
    {
        var root = TestData.NewTempDirectory("rr-submit");
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        Directory.CreateDirectory(Path.Combine(data, "sub-01", "anat"));
        File.WriteAllBytes(Path.Combine(data, "sub-01", "anat", "sub-01_T1w.nii.gz"), [1]);
        var participants = Path.Combine(data, "participants.tsv");
        File.WriteAllText(participants, "participant_id\tage\nsub-01\t60\n");
        var config = Path.Combine(root, "local.config.toml");
        File.WriteAllText(config, $"[paths]\ndata = \"{data}\"\n");
        return (data, participants, config);
    }
}

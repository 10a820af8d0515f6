using RelevanceRelated.Analysis;
using RelevanceRelated.Client.Cohorts;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests.Cohorts;

public sealed class ParticipantsFileTests
{
    [Fact]
    public void Duplicate_participant_ids_are_refused_naming_their_rows()
    {
        var file = Write("participant_id\tage\tsex\nsub-01\t60\tF\nsub-02\t61\tM\nsub-01\t62\tF\n");

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(file));

        Assert.Equal($"{file}: participant_id 'sub-01' appears on rows 2, 4.", error.Message);
    }

    [Fact]
    public void Images_are_found_in_the_BIDS_layout_and_a_missing_T1_keeps_its_expected_path()
    {
        var file = Write("participant_id\tage\tsex\nsub-01\t60.5\tF\nsub-02\tn/a\tM\n");
        var bids = Path.GetDirectoryName(file)!;
        var anat = Directory.CreateDirectory(Path.Combine(bids, "sub-01", "anat")).FullName;
        File.WriteAllBytes(Path.Combine(anat, "sub-01_T1w.nii.gz"), [1]);
        File.WriteAllBytes(Path.Combine(anat, "sub-01_FLAIR.nii"), [1]);

        var subjects = ParticipantsFile.Read(file);

        Assert.Equal(Path.Combine(anat, "sub-01_T1w.nii.gz"), subjects[0].Inputs.T1);
        Assert.Equal(Path.Combine(anat, "sub-01_FLAIR.nii"), subjects[0].Inputs.Flair);
        Assert.Equal((60.5, "F"), (subjects[0].Covariates.Age, subjects[0].Covariates.Sex));
        Assert.Equal(Path.Combine(bids, "sub-02", "anat", "sub-02_T1w.nii.gz"), subjects[1].Inputs.T1);
        Assert.Null(subjects[1].Inputs.Flair);
        Assert.Null(subjects[1].Covariates.Age);
    }

    [Fact]
    public void An_age_that_is_not_a_number_is_refused_naming_row_and_column()
    {
        var file = Write("participant_id,age\nsub-01,sixty\n", "participants.csv");

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(file));

        Assert.Equal($"{file}: row 2: column 'age' is 'sixty'; expected years as a number, or n/a.", error.Message);
    }

    [Fact]
    public void A_file_without_participant_id_is_refused()
    {
        var file = Write("subject\tage\nsub-01\t60\n");

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(file));

        Assert.Equal($"{file}: the header has no 'participant_id' column (found: subject, age).", error.Message);
    }

    [Fact]
    public void Every_bad_row_is_named_in_one_error()
    {
        var file = Write("participant_id\tage\tt1_frame\nsub-01\tsixty\t0\nsub-02\t61\t-1\n.\t62\t0\n..\t63\t0\nsub-03\t200\t1.5\nsub-04\t64\t0\n");

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(file));

        Assert.Equal($"{file}: row 2: column 'age' is 'sixty'; expected years as a number, or n/a; " +
            "row 3: column 't1_frame' is '-1'; expected a frame number from 0 (which frame of a T1 with several to use), or n/a; " +
            "row 4: participant_id '.' is a directory name ('.' or '..'), which files named after it would climb out of; " +
            "row 5: participant_id '..' is a directory name ('.' or '..'), which files named after it would climb out of; " +
            "row 6: column 'age' is '200'; expected years as a number, or n/a; " +
            "row 6: column 't1_frame' is '1.5'; expected a frame number from 0 (which frame of a T1 with several to use), or n/a.", error.Message);
    }

    [Fact]
    public void A_control_character_in_an_id_is_shown_escaped_not_raw()
    {
        var file = Write("participant_id\tage\nsub\u0007-01\t60\nsub-02\u001b[2J\t61\n");

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(file));

        Assert.Contains("row 2: participant_id 'sub\\u0007-01' contains a control character", error.Message);
        Assert.Contains("row 3: participant_id 'sub-02\\u001B[2J' contains a control character", error.Message);
        Assert.DoesNotContain(error.Message, c => char.IsControl(c));
    }

    [Fact]
    public void The_t1_frame_column_wins_over_the_submit_option_row_by_row()
    {
        var file = Write("participant_id\tage\tt1_frame\nsub-01\t60\t2\nsub-02\t61\tn/a\n");

        var subjects = ParticipantsFile.Read(file, t1Frame: 1);

        Assert.Equal([2, 1], subjects.Select(s => s.Inputs.T1Frame));
        Assert.Null(ParticipantsFile.Read(file)[1].Inputs.T1Frame);
    }

    [Theory]
    [InlineData("--freesurfer")]
    [InlineData("--lesions")]
    [InlineData("--bids")]
    public void A_given_folder_that_does_not_exist_is_refused(string option)
    {
        var file = Write("participant_id\tage\nsub-01\t60\n");
        var missing = Path.Combine(Path.GetDirectoryName(file)!, "no-such-folder");

        var error = Assert.Throws<InvalidInputException>(() => option switch
        {
            "--freesurfer" => ParticipantsFile.Read(file, freeSurferDirectory: missing),
            "--lesions" => ParticipantsFile.Read(file, lesionsDirectory: missing),
            _ => ParticipantsFile.Read(file, bidsDirectory: missing),
        });

        Assert.Equal($"{option} '{missing}' is not an existing folder.", error.Message);
    }

    [Fact]
    public void Inputs_below_the_data_root_are_accepted_and_inputs_reached_through_a_symbolic_link_are_not()
    {
        var root = TestData.NewTempDirectory("rr-participants");
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(root, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.nii.gz"), "not yours");
        var bids = Directory.CreateDirectory(Path.Combine(data, "bids")).FullName;
        Directory.CreateDirectory(Path.Combine(bids, "sub-01", "anat"));
        File.WriteAllBytes(Path.Combine(bids, "sub-01", "anat", "sub-01_T1w.nii.gz"), [1]);
        Directory.CreateDirectory(Path.Combine(bids, "sub-02", "anat"));
        File.CreateSymbolicLink(Path.Combine(bids, "sub-02", "anat", "sub-02_T1w.nii.gz"), Path.Combine(outside, "secret.nii.gz"));
        Directory.CreateSymbolicLink(Path.Combine(bids, "sub-03"), Path.Combine(outside));
        var file = Path.Combine(bids, "participants.tsv");
        File.WriteAllText(file, "participant_id\tage\nsub-01\t60\nsub-02\t61\nsub-03\t62\n");

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(file, dataRoot: data));
        var fine = ParticipantsFile.Read(Write("participant_id\nsub-01\n"), bidsDirectory: bids, dataRoot: data);

        Assert.Equal($"{file}: " +
            $"row 3: T1 image '{Path.Combine(bids, "sub-02", "anat", "sub-02_T1w.nii.gz")}' lies through a symbolic link outside the data root '{data}' ([paths].data); inputs must be below it; " +
            $"row 4: T1 image '{Path.Combine(bids, "sub-03", "anat", "sub-03_T1w.nii.gz")}' lies through a symbolic link outside the data root '{data}' ([paths].data); inputs must be below it.",
            error.Message);
        Assert.Equal(Path.Combine(bids, "sub-01", "anat", "sub-01_T1w.nii.gz"), Assert.Single(fine).Inputs.T1);
    }

    private static string Write(string content, string name = "participants.tsv")
    {
        var path = Path.Combine(TestData.NewTempDirectory(), name);
        File.WriteAllText(path, content);
        return path;
    }
}

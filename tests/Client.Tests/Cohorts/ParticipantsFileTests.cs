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

        Assert.Equal($"{file}: row 2, column 'age' is 'sixty'; expected years as a number, or n/a.", error.Message);
    }

    [Fact]
    public void A_file_without_participant_id_is_refused()
    {
        var file = Write("subject\tage\nsub-01\t60\n");

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(file));

        Assert.Equal($"{file}: the header has no 'participant_id' column (found: subject, age).", error.Message);
    }

    private static string Write(string content, string name = "participants.tsv")
    {
        var path = Path.Combine(TestData.NewTempDirectory(), name);
        File.WriteAllText(path, content);
        return path;
    }
}

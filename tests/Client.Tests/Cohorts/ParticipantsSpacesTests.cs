using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Client.Cohorts;
using RelevanceRelated.Contracts;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests.Cohorts;

/// <summary>
/// The participants file's spaces columns and the discovery of transforms and FA maps in derivatives folders, as
/// <c>submit</c> reads them; and <c>submit</c>'s new options as a user runs them.
/// </summary>
public sealed class ParticipantsSpacesTests
{
    private static readonly string Configs = Path.Combine(TestData.RepositoryRoot, "configs");

    [Fact]
    public void Spaces_columns_give_chains_template_FA_and_prepared_inputs_relative_to_the_participants_file()
    {
        var folder = TestData.NewTempDirectory("rr-columns");
        foreach (var file in (string[])["x/flair.mat", "x/affine.mat", "x/warp.nii.gz", "x/inverse.nii.gz", "x/fa.nii.gz", "x/prepared.nii.gz"])
            Touch(Path.Combine(folder, file));
        var participants = Path.Combine(folder, "participants.tsv");
        File.WriteAllText(participants,
            "participant_id\tage\tflair_to_t1\tto_template\tto_subject\ttemplate\tfa\tprepared_T1_2mm\n" +
            "sub-01\t60\tx/flair.mat\tx/warp.nii.gz; x/affine.mat\t[x/affine.mat,1];x/inverse.nii.gz\tMNI152NLin2009cAsym\tx/fa.nii.gz\tx/prepared.nii.gz\n" +
            "sub-02\t61\tn/a\t\t\t\t\t\n");

        var subjects = ParticipantsFile.Read(participants);

        var x = Path.Combine(folder, "x");
        var inputs = subjects[0].Inputs;
        Assert.Equal([Path.Combine(x, "flair.mat")], inputs.FlairToT1);
        Assert.Equal([Path.Combine(x, "warp.nii.gz"), Path.Combine(x, "affine.mat")], inputs.ToTemplate);
        Assert.Equal([$"[{Path.Combine(x, "affine.mat")},1]", Path.Combine(x, "inverse.nii.gz")], inputs.ToSubject);
        Assert.Equal("MNI152NLin2009cAsym", inputs.Template);
        Assert.Equal(Path.Combine(x, "fa.nii.gz"), inputs.FractionalAnisotropy);
        Assert.Equal(Path.Combine(x, "prepared.nii.gz"), inputs.Prepared!["T1_2mm"]);
        var empty = subjects[1].Inputs;
        Assert.True(SubjectInputs.Chain(empty.FlairToT1).IsEmpty && SubjectInputs.Chain(empty.ToTemplate).IsEmpty && !empty.HasTemplateTransforms);
        Assert.Null(empty.Template);
        Assert.Null(empty.Prepared);
    }

    [Fact]
    public void Missing_files_and_bad_chain_syntax_are_named_by_row_and_column()
    {
        var folder = TestData.NewTempDirectory("rr-columns");
        var participants = Path.Combine(folder, "participants.tsv");
        File.WriteAllText(participants, "participant_id\tto_template\tfa\nsub-01\tnope.mat\t\nsub-02\t[a.mat,2]\tmissing_fa.nii.gz\n");

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(participants));

        Assert.Equal($"{participants}: row 2: column 'to_template' names 'nope.mat', which does not exist ({Path.Combine(folder, "nope.mat")}); " +
            "row 3: column 'to_template': '[a.mat,2]': expected FILE, [FILE,0] or [FILE,1]; " +
            $"row 3: column 'fa' names 'missing_fa.nii.gz', which does not exist ({Path.Combine(folder, "missing_fa.nii.gz")}).", error.Message);
    }

    [Fact]
    public void A_simulated_cohort_is_found_by_discovery_with_fmriprep_and_ants_names()
    {
        var layout = new BidsLayout(Path.Combine(TestData.NewTempDirectory("rr-discovery"), "bids"));
        CohortSimulator.Write(CohortSimulator.Participants(2, seed: 4), new SimulationGrid(4), layout, flairOnOwnGrid: true);

        var subjects = ParticipantsFile.Read(layout.Participants, transformsDirectory: layout.Transforms, faDirectory: layout.FaMaps, template: TemplateSpace.Name);

        Assert.All(subjects, s =>
        {
            var id = s.SubjectId;
            Assert.Equal([layout.FlairToT1(id)], s.Inputs.FlairToT1);
            Assert.Equal([layout.TemplateAffine(id)], s.Inputs.ToTemplate);
            Assert.Equal([$"[{layout.TemplateAffine(id)},1]"], s.Inputs.ToSubject);
            Assert.Equal(TemplateSpace.Name, s.Inputs.Template);
            Assert.Equal(layout.Fa(id), s.Inputs.FractionalAnisotropy);
        });
    }

    [Fact]
    public void Discovery_reads_fmriprep_template_pairs_and_ants_warps_and_refuses_ambiguity()
    {
        var root = TestData.NewTempDirectory("rr-discovery");
        File.WriteAllText(Path.Combine(root, "participants.tsv"), "participant_id\nsub-01\nsub-02\nsub-03\n");
        var transforms = Path.Combine(root, "xfm");
        Touch(Path.Combine(transforms, "sub-01", "sub-01_from-T1w_to-MNI152NLin2009cAsym_mode-image_xfm.h5"));
        Touch(Path.Combine(transforms, "sub-01", "sub-01_from-MNI152NLin2009cAsym_to-T1w_mode-image_xfm.h5"));
        Touch(Path.Combine(transforms, "sub-01", "rawFLAIR-2-T1_0GenericAffine.mat"));
        foreach (var name in (string[])["sub-02_0GenericAffine.mat", "sub-02_1Warp.nii.gz", "sub-02_1InverseWarp.nii.gz"])
            Touch(Path.Combine(transforms, "sub-02", name));
        Touch(Path.Combine(transforms, "sub-03", "a_from-FLAIR_to-T1w_mode-image_xfm.txt"));
        Touch(Path.Combine(transforms, "sub-03", "b_from-FLAIR_to-T1w_mode-image_xfm.mat"));

        var error = Assert.Throws<InvalidInputException>(() => ParticipantsFile.Read(Path.Combine(root, "participants.tsv"), transformsDirectory: transforms));
        Assert.Contains($"row 4: {Path.Combine(transforms, "sub-03")} holds 2 FLAIR→T1 transforms (a_from-FLAIR_to-T1w_mode-image_xfm.txt, b_from-FLAIR_to-T1w_mode-image_xfm.mat); expected one", error.Message);

        Directory.Delete(Path.Combine(transforms, "sub-03"), recursive: true);
        var subjects = ParticipantsFile.Read(Path.Combine(root, "participants.tsv"), transformsDirectory: transforms, template: "MyTemplate");
        var one = subjects[0].Inputs;
        var two = subjects[1].Inputs;
        var d1 = Path.Combine(transforms, "sub-01");
        var d2 = Path.Combine(transforms, "sub-02");
        Assert.Equal("MNI152NLin2009cAsym", one.Template);
        Assert.Equal([Path.Combine(d1, "sub-01_from-T1w_to-MNI152NLin2009cAsym_mode-image_xfm.h5")], one.ToTemplate);
        Assert.Equal([Path.Combine(d1, "sub-01_from-MNI152NLin2009cAsym_to-T1w_mode-image_xfm.h5")], one.ToSubject);
        Assert.Equal([Path.Combine(d1, "rawFLAIR-2-T1_0GenericAffine.mat")], one.FlairToT1);
        Assert.Equal("MyTemplate", two.Template);
        Assert.Equal([Path.Combine(d2, "sub-02_1Warp.nii.gz"), Path.Combine(d2, "sub-02_0GenericAffine.mat")], two.ToTemplate);
        Assert.Equal([$"[{Path.Combine(d2, "sub-02_0GenericAffine.mat")},1]", Path.Combine(d2, "sub-02_1InverseWarp.nii.gz")], two.ToSubject);
        Assert.True(SubjectInputs.Chain(subjects[2].Inputs.ToTemplate).IsEmpty);
    }

    [Fact]
    public void Resubmitting_the_same_row_gives_equal_inputs_even_with_default_chains()
    {
        var given = new SubjectInputs("t1.nii.gz", FlairToT1: ["a.mat"], Prepared: System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("m", "p.nii.gz"));
        var again = new SubjectInputs("t1.nii.gz", FlairToT1: ["a.mat"], ToTemplate: [], Prepared: System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("m", "p.nii.gz"));

        Assert.Equal(given, again);
        Assert.Equal(given.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(given, again with { FlairToT1 = ["b.mat"] });
    }

    [Fact]
    public void Submit_lists_the_spaces_options_in_help_and_refuses_an_unknown_flair_alignment()
    {
        var help = ConsoleRunner.Run("submit", "--help");
        var (participants, config) = Cohort("participant_id\tage\nsub-01\t60\n");

        var bad = ConsoleRunner.Run("submit", "--cohort", "c", "--participants", participants, "--flair-alignment", "guess", "--config-dir", Configs, "--config", config);

        Assert.Equal(ExitCodes.Success, help.ExitCode);
        foreach (var option in (string[])["--transforms", "--fa", "--template", "--flair-alignment"]) Assert.Contains(option, help.Output);
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);
        Assert.Contains("--flair-alignment: 'guess'; expected one of given, register", bad.Error);
    }

    [Fact]
    public void Submit_refuses_a_prepared_column_for_a_model_that_is_not_configured()
    {
        var (participants, config) = Cohort("participant_id\tage\tprepared_nosuchmodel\nsub-01\t60\tsub-01/anat/sub-01_T1w.nii.gz\n");

        var result = ConsoleRunner.Run("submit", "--cohort", "c", "--participants", participants, "--config-dir", Configs, "--config", config);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("column(s) 'prepared_nosuchmodel' name no configured model", result.Error);
    }

    /// <summary>A data root with one subject's T1, a participants file and a configuration naming the root.</summary>
    private static (string Participants, string Config) Cohort(string rows)
    {
        var root = TestData.NewTempDirectory("rr-submit");
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        Touch(Path.Combine(data, "sub-01", "anat", "sub-01_T1w.nii.gz"));
        var participants = Path.Combine(data, "participants.tsv");
        File.WriteAllText(participants, rows);
        var config = Path.Combine(root, "local.config.toml");
        File.WriteAllText(config, $"[paths]\ndata = \"{data}\"\n");
        return (participants, config);
    }

    private static void Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]);
    }
}

using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>`features --atlas NAME` with [atlases.NAME] from the configuration, run as a user runs it.</summary>
public class FeaturesAtlasCommandTests(BertHippocampusRelevance bert) : IClassFixture<BertHippocampusRelevance>
{
    private static string ConfigDirectory(string toml)
    {
        var dir = TestData.NewTempDirectory("rr-features-atlas");
        File.Copy(Path.Combine(TestData.RepositoryRoot, "configs", "config.toml"), Path.Combine(dir, "config.toml"));
        File.WriteAllText(Path.Combine(dir, "atlas.config.toml"), toml);
        return dir;
    }

    [Fact]
    public void A_subject_space_atlas_gives_the_same_rows_as_the_label_volume()
    {
        var config = ConfigDirectory($"[atlases.aseg]\nfile = \"{bert.Aseg.Replace('\\', '/')}\"\nspace = \"t1\"\n");
        var dir = TestData.NewTempDirectory("rr-features-atlas");
        var viaAtlas = Path.Combine(dir, "atlas.csv");
        var viaLabels = Path.Combine(dir, "labels.csv");
        var a = ConsoleRunner.Run("--config-dir", config, "features", "--relevance", bert.Relevance, "--atlas", "aseg", "--out", viaAtlas);
        Assert.True(a.ExitCode == 0, a.Error);
        Assert.Contains("atlas aseg: moved onto the relevance grid (label)", a.Output);
        var b = ConsoleRunner.Run("--config-dir", config, "features", "--relevance", bert.Relevance, "--labels", bert.Aseg, "--out", viaLabels);
        Assert.Equal(0, b.ExitCode);
        Assert.Equal(File.ReadAllText(viaLabels), File.ReadAllText(viaAtlas));
    }

    [Fact]
    public void A_template_space_atlas_with_an_fsl_label_table_is_brought_through_the_given_transforms()
    {
        // The "template" atlas: the hippocampi of bert's aseg as labels 1 and 2, shifted 5 mm to the right, with an
        // FSL label table; the transform that brings it back onto bert is that shift.
        var dir = TestData.NewTempDirectory("rr-features-atlas");
        using (var aseg = VolumeFile.Read(bert.Aseg))
        using (var atlas = aseg.CreateLike(VoxelType.UInt8))
        {
            for (var i = 0; i < aseg.VoxelCount; i++) atlas.Data[i] = aseg.Data[i] switch { 17 => 1, 53 => 2, _ => 0 };
            atlas.Affine = Affine.Translation(5, 0, 0) * aseg.Affine;
            VolumeFile.Write(atlas, Path.Combine(dir, "hippocampi.nii.gz"));
        }
        File.WriteAllText(Path.Combine(dir, "hippocampi.xml"),
            "<atlas><data><label index=\"1\">Left hippocampus</label><label index=\"2\">Right hippocampus</label></data></atlas>");
        File.WriteAllText(Path.Combine(dir, "to_subject.txt"),
            "#Insight Transform File V1.0\n#Transform 0\nTransform: TranslationTransform_double_3_3\nParameters: -5 0 0\nFixedParameters: \n");
        var config = ConfigDirectory("[atlases.hippo]\nfile = \"" + Path.Combine(dir, "hippocampi.nii.gz").Replace('\\', '/')
            + "\"\nlabels = \"" + Path.Combine(dir, "hippocampi.xml").Replace('\\', '/') + "\"\nspace = \"MNI152NLin2009cAsym\"\n");
        var outPath = Path.Combine(dir, "regions.csv");
        var missing = ConsoleRunner.Run("--config-dir", config, "features", "--relevance", bert.Relevance, "--atlas", "hippo", "--out", outPath);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("is in template space 'MNI152NLin2009cAsym'; give the transforms", missing.Error);

        // ITK's LPS translation (−5, 0, 0) is +5 mm in RAS x: a subject point maps to the atlas point 5 mm to the right.
        var r = ConsoleRunner.Run("--config-dir", config, "features", "--relevance", bert.Relevance, "--atlas", "hippo",
            "--atlas-transform", Path.Combine(dir, "to_subject.txt"), "--out", outPath);
        Assert.True(r.ExitCode == 0, r.Error);
        var regions = Table.Read(outPath);
        Assert.Equal(["Left hippocampus", "Right hippocampus"], regions.Text("structure_name"));
        Assert.Equal([4508.0, -4634.0], regions.Numeric("sum_relevance"));
    }

    [Fact]
    public void An_unknown_atlas_and_both_label_sources_exit_2()
    {
        var dir = TestData.NewTempDirectory("rr-features-atlas");
        var unknown = ConsoleRunner.Run("features", "--relevance", bert.Relevance, "--atlas", "nope", "--out", Path.Combine(dir, "x.csv"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--atlas: 'nope' is not an [atlases.*] entry of the configuration", unknown.Error);
        var both = ConsoleRunner.Run("features", "--relevance", bert.Relevance, "--atlas", "x", "--labels", bert.Aseg, "--out", Path.Combine(dir, "x.csv"));
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give exactly one of --labels", both.Error);
    }
}

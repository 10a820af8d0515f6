using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Atlases;
using RelevanceRelated.Analysis.Spaces.Files;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Spaces;

/// <summary>Atlas label tables, [atlases.NAME] configuration, and atlases brought between template and subject.</summary>
public class AtlasTests
{
    private readonly string _dir = TestData.NewTempDirectory("spaces-atlas");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Fsl_xml_labels_are_read_by_index_with_wrapped_names_joined()
    {
        var path = Write("JHU-labels.xml", """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <atlas version="1.0">
              <header><name>JHU ICBM-DTI-81 White-Matter Labels</name><type>Label</type></header>
              <data>
                <label index="0" x="0" y="0" z="0">Unclassified</label>
                <label index="1" x="98" y="117" z="75">Middle cerebellar
                    peduncle</label>
                <label index="5" x="90" y="102" z="90">Body of corpus callosum</label>
              </data>
            </atlas>
            """);
        var table = AtlasLabels.Read(path);
        Assert.Equal("Unclassified", table.NameOf(0));
        Assert.Equal("Middle cerebellar peduncle", table.NameOf(1));
        Assert.Equal("Body of corpus callosum", table.NameOf(5));
        Assert.Equal("label-2", table.NameOf(2));
    }

    [Fact]
    public void Bids_dseg_tsv_is_read_by_its_index_and_name_columns()
    {
        var table = AtlasLabels.Read(Write("atlas_dseg.tsv", "index\tname\tabbreviation\n1\tLeft Putamen\tLPut\n2\tRight Putamen\tRPut\n"));
        Assert.Equal("Left Putamen", table.NameOf(1));
        Assert.Equal("Right Putamen", table.NameOf(2));
    }

    [Theory]
    [InlineData("bad_dseg.tsv", "label\tname\n1\tx\n", "bad_dseg.tsv:1: header 'label\tname'; a BIDS dseg.tsv needs the columns 'index' and 'name'")]
    [InlineData("two_dseg.tsv", "index\tname\n1\tx\n1\ty\n", "two_dseg.tsv: label code 1 appears twice.")]
    [InlineData("bad.xml", "<atlas><data><label index=\"a\">x</label></data></atlas>", "bad.xml:1: <label> needs an integer index attribute, got 'a'")]
    [InlineData("labels.csv", "1,x\n", "labels.csv: unknown label table extension")]
    public void Bad_label_tables_are_refused_naming_the_file(string name, string text, string message)
    {
        Assert.Contains(message, Assert.Throws<InvalidInputException>(() => AtlasLabels.Read(Write(name, text))).Message);
    }

    [Fact]
    public void A_freesurfer_ctab_is_read_by_the_existing_lookup_table_reader()
    {
        var table = AtlasLabels.Read(Write("aparc.annot.ctab", "  0  unknown  25  5  25  0\n  1  bankssts  25  100  40  0\n"));
        Assert.Equal("bankssts", table.NameOf(1));
    }

    private static string ConfigDirectoryWith(string toml)
    {
        var dir = TestData.NewTempDirectory("rr-config");
        System.IO.File.Copy(Path.Combine(TestData.RepositoryRoot, "configs", "config.toml"), Path.Combine(dir, "config.toml"));
        System.IO.File.WriteAllText(Path.Combine(dir, "atlas.config.toml"), toml);
        return dir;
    }

    [Fact]
    public void Atlases_bind_from_the_configuration()
    {
        var aseg = TestData.File("freesurfer", "bert", "mri", "aseg.mgz").Replace('\\', '/');
        var labels = Write("dseg.tsv", "index\tname\n17\tLeft-Hippocampus\n").Replace('\\', '/');
        var config = ConfigurationLoader.Load(ConfigDirectoryWith($"""
            [atlases.aseg]
            file = "{aseg}"

            [atlases.atag]
            file = "{aseg}"
            labels = "{labels}"
            space = "MNI152NLin2009cAsym"
            threshold = 0.05
            dilate_by = 5
            """)).Config;
        Assert.Equal(new AtlasConfig("aseg", aseg, null, null, null, 0), config.Atlases["aseg"]);
        var atag = config.Atlases["atag"];
        Assert.Equal(("MNI152NLin2009cAsym", 0.05, 5), (atag.Template, atag.Threshold, atag.DilateBy));
        Assert.Equal(Path.GetFullPath(labels), atag.Labels);
    }

    [Theory]
    [InlineData("[atlases.a]\nspace = \"t1\"\n", "atlases.a.file", "missing; expected the atlas image")]
    [InlineData("[atlases.a]\nfile = \"/nonexistent/atlas.nii.gz\"\n", "atlases.a.file", "expected an existing file, but /nonexistent/atlas.nii.gz does not exist")]
    [InlineData("[atlases.a]\nfile = \"/x.nii\"\nthreshold = 1.5\n", "atlases.a.threshold", "expected a probability in [0, 1) (a probability atlas: voxels above it after warping), got 1.5")]
    public void Bad_atlas_entries_name_the_key(string toml, string key, string problem)
    {
        var errors = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(ConfigDirectoryWith(toml))).Errors;
        Assert.Contains(errors, e => e.KeyPath == key && e.Problem == problem);
    }

    /// <summary>
    /// A subject (bert at 2 mm) and a "template" grid (the MNI template's) related as antsRegistration would relate them:
    /// template point → warp → affine → subject point, with the inverse warp beside it. Written as ANTs files.
    /// </summary>
    private SubjectTemplateTransforms AntsFiles()
    {
        var affine = Path.Combine(_dir, "sub_0GenericAffine.mat");
        var warp = Path.Combine(_dir, "sub_1Warp.nii.gz");
        var inverse = Path.Combine(_dir, "sub_1InverseWarp.nii.gz");
        var a = 7 * Math.PI / 180;
        ItkTransformWriter.Write(affine, new LinearTransform(Affine.Translation(4, -6, 10)
            * new Affine([Math.Cos(a), 0, Math.Sin(a), 0, 0, 1, 0, 0, -Math.Sin(a), 0, Math.Cos(a), 0, 0, 0, 0, 1])), (0, -18, 18));
        // A uniform shift (its inverse is the opposite shift) on a grid larger than the template.
        var grid = new ImageGrid(30, 36, 30, Affine.Translation(-120, -160, -110) * Affine.Scaling(8, 8, 8));
        DisplacementFieldFile.Write(Uniform(grid, 3, -2, 1.5f), warp);
        DisplacementFieldFile.Write(Uniform(grid, -3, 2, -1.5f), inverse);
        return SubjectTemplateTransforms.FromAnts("MNI", affine, warp, inverse);
    }

    private static DisplacementFieldTransform Uniform(ImageGrid grid, float x, float y, float z)
    {
        var v = new float[3 * grid.VoxelCount];
        for (var i = 0; i < grid.VoxelCount; i++) (v[3 * i], v[3 * i + 1], v[3 * i + 2]) = (x, y, z);
        return new DisplacementFieldTransform(grid, v);
    }

    private static Volume BertAsegTwoMillimetres()
    {
        using var aseg = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "aseg.mgz"));
        return Resampler.Resample(aseg, [128, 128, 128], aseg.Affine * Affine.Translation(0.5, 0.5, 0.5) * Affine.Scaling(2, 2, 2), Interpolation.Nearest);
    }

    [Fact]
    public void A_template_atlas_reaches_the_subject_through_the_inverse_of_the_transforms_that_took_it_there()
    {
        var transforms = AntsFiles();
        using var aseg = BertAsegTwoMillimetres();
        using var mni = VolumeFile.Read(TestData.File("nifti", "avg152T1_LR_nifti.nii.gz"));
        // The subject's labels taken into template space (forward), then the template atlas brought back (inverse).
        using var inTemplate = AtlasProjector.MapToTemplate(aseg, ImageGrid.Of(mni), transforms, SpatialInterpolation.Label, TestContext.Current.CancellationToken);
        Assert.Equal(2, inTemplate.Record.Transforms.Count);
        using var atlas = new Atlas("aseg-in-mni", inTemplate.Volume.Clone(), FreeSurferColorLut.Standard, "MNI", null, 0);
        using var back = AtlasProjector.OntoSubject(atlas, ImageGrid.Of(aseg), transforms, TestContext.Current.CancellationToken);
        Assert.Equal([true, false], back.Record.Transforms.Select(t => t.Inverted));
        int inside = 0, agree = 0;
        for (var i = 0; i < aseg.VoxelCount; i++)
        {
            if (aseg.Data[i] == 0) continue;
            inside++;
            if (aseg.Data[i] == back.Labels.Data[i]) agree++;
        }
        // Two label-aware resamplings (2 mm → MNI 2 mm → 2 mm) keep most voxels; the wrong order would misplace them all.
        Assert.True(agree > 0.8 * inside, $"{agree} of {inside} labelled voxels came back");
    }

    [Fact]
    public void The_ants_files_to_the_subject_undo_those_to_the_template_point_by_point()
    {
        var transforms = AntsFiles();
        var toTemplate = TransformChainLoader.Load(transforms.ToTemplate, TestContext.Current.CancellationToken);
        var toSubject = TransformChainLoader.Load(transforms.ToSubject, TestContext.Current.CancellationToken);
        foreach (var (p, _) in ItkReference.MappedPoints("affine_double_mat").Take(40))
        {
            var (sx, sy, sz) = toTemplate.Map(p.X, p.Y, p.Z);
            var (x, y, z) = toSubject.Map(sx, sy, sz);
            Assert.Equal(p.X, x, 1e-5);
            Assert.Equal(p.Y, y, 1e-5);
            Assert.Equal(p.Z, z, 1e-5);
        }
    }

    [Fact]
    public void A_template_atlas_needs_transforms_for_its_template()
    {
        using var aseg = BertAsegTwoMillimetres();
        using var atlas = new Atlas("x", aseg.Clone(), FreeSurferColorLut.Standard, "MNI152NLin2009cAsym", null, 0);
        var grid = ImageGrid.Of(aseg);
        Assert.Contains("give the subject's transforms", Assert.Throws<InvalidInputException>(() => AtlasProjector.OntoSubject(atlas, grid, (SubjectTemplateTransforms?)null, TestContext.Current.CancellationToken)).Message);
        Assert.Contains("transforms are for 'MNI'", Assert.Throws<InvalidInputException>(() => AtlasProjector.OntoSubject(atlas, grid, AntsFiles(), TestContext.Current.CancellationToken)).Message);
    }

    [Fact]
    public void A_probability_atlas_is_thresholded_above_its_threshold_then_dilated_and_labelled_by_the_most_probable_structure()
    {
        using var aseg = BertAsegTwoMillimetres();
        // Two structures' probabilities: left putamen (12) 0.9 inside, right putamen (51) 0.6 inside, 0.04 in a shell.
        using var probabilities = new Volume([aseg.Nx, aseg.Ny, aseg.Nz, 2], aseg.Affine);
        var n = aseg.SpatialCount;
        for (var i = 0; i < n; i++)
        {
            if (aseg.Data[i] == 12) probabilities.Data[i] = 0.9f;
            if (aseg.Data[i] == 51) probabilities.Data[n + i] = 0.6f;
            if (aseg.Data[i] == 13) probabilities.Data[i] = 0.04f;  // left pallidum: below the threshold
        }
        var names = FreeSurferColorLut.FromNames([new(0, "Left putamen"), new(1, "Right putamen")], "test");
        var grid = ImageGrid.Of(aseg);
        using var plain = new Atlas("bg", probabilities.Clone(), names, null, 0.05, 0);
        using var dilated = new Atlas("bg", probabilities.Clone(), names, null, 0.05, 1);
        using var a = AtlasProjector.OntoSubject(plain, grid, TransformChain.Identity, TestContext.Current.CancellationToken);
        using var b = AtlasProjector.OntoSubject(dilated, grid, TransformChain.Identity, TestContext.Current.CancellationToken);
        for (var i = 0; i < n; i++)
            Assert.Equal(aseg.Data[i] switch { 12 => 1, 51 => 2, _ => 0 }, a.Labels.Data[i]);
        Assert.Equal("Left putamen", a.Names.NameOf(1));
        Assert.Equal("Right putamen", a.Names.NameOf(2));
        var plainCount = a.Labels.Data.ToArray().Count(v => v != 0);
        var dilatedCount = b.Labels.Data.ToArray().Count(v => v != 0);
        Assert.True(dilatedCount > plainCount, $"{dilatedCount} ≤ {plainCount}");
    }

    [Fact]
    public void Regional_relevance_over_a_configured_subject_space_atlas_equals_the_label_volume_directly()
    {
        using var aseg = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "aseg.mgz"));
        using var relevance = aseg.CreateLike(VoxelType.Float32);
        for (var i = 0; i < aseg.VoxelCount; i++) relevance.Data[i] = aseg.Data[i] % 7 - 3;
        var config = new AtlasConfig("aseg", TestData.File("freesurfer", "bert", "mri", "aseg.mgz"), null, null, null, 0);
        using var onGrid = AtlasProjector.OntoSubject(config, ImageGrid.Of(relevance), [], TestContext.Current.CancellationToken);
        var viaAtlas = RegionalRelevance.Compute(relevance.Memory, RegionalRelevance.ToLabels(onGrid.Labels.Data, "atlas"), onGrid.Names);
        var direct = RegionalRelevance.Compute(relevance.Memory, RegionalRelevance.ToLabels(aseg.Data, "aseg"));
        Assert.Equal(direct, viaAtlas);
        Assert.Equal("label", onGrid.Record.Interpolation);
    }

    [Fact]
    public void A_configured_atlas_and_its_transforms_must_agree_on_the_space()
    {
        var subjectSpace = new AtlasConfig("aseg", TestData.File("freesurfer", "bert", "mri", "aseg.mgz"), null, null, null, 0);
        var templateSpace = subjectSpace with { Template = "MNI152NLin2009cAsym" };
        var grid = new ImageGrid(4, 4, 4, Affine.Identity);
        Assert.Contains("transforms are only for template-space atlases", Assert.Throws<InvalidInputException>(() =>
            AtlasProjector.OntoSubject(subjectSpace, grid, [new TransformReference(ItkReference.File("euler.txt"))], TestContext.Current.CancellationToken)).Message);
        Assert.Contains("give the transforms that bring it onto the subject", Assert.Throws<InvalidInputException>(() =>
            AtlasProjector.OntoSubject(templateSpace, grid, [], TestContext.Current.CancellationToken)).Message);
    }
}

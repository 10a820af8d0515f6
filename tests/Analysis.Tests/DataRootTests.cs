using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests;

/// <summary>The one data-root check and the real paths it compares, on a real directory tree with symbolic links.</summary>
public sealed class DataRootTests
{
    private readonly string _base = TestData.NewTempDirectory("rr-data-root");

    private string Dir(params string[] parts) => Directory.CreateDirectory(Path.Combine([_base, .. parts])).FullName;

    private string FileAt(params string[] parts)
    {
        var path = Path.Combine([_base, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void A_real_path_follows_links_anywhere_on_the_way_and_applies_dot_dot_to_the_target()
    {
        var target = Dir("elsewhere", "deep", "dir");
        FileAt("elsewhere", "deep", "sibling.txt");
        var link = Path.Combine(Dir("data"), "link");
        Directory.CreateSymbolicLink(link, target);

        Assert.Equal(Path.Combine(target, "file.nii"), RealPath.Of(Path.Combine(link, "file.nii")));
        Assert.Equal(Path.Combine(_base, "elsewhere", "deep", "sibling.txt"), RealPath.Of(Path.Combine(link, "..", "sibling.txt")));
        Assert.Equal(Path.Combine(_base, "data", "missing", "x"), RealPath.Of(Path.Combine(_base, "data", ".", "missing", "y", "..", "x")));
    }

    [Fact]
    public void Relative_link_targets_resolve_against_the_link_s_folder()
    {
        var file = FileAt("data", "a", "t1.nii.gz");
        var link = Path.Combine(Dir("data", "b"), "t1.nii.gz");
        File.CreateSymbolicLink(link, Path.Combine("..", "a", "t1.nii.gz"));

        Assert.Equal(file, RealPath.Of(link));
    }

    [Fact]
    public void A_loop_of_links_is_refused()
    {
        var a = Path.Combine(Dir("loop"), "a");
        var b = Path.Combine(_base, "loop", "b");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var ex = Assert.Throws<InvalidInputException>(() => RealPath.Of(a));

        Assert.Contains("more than 40 symbolic links", ex.Message);
    }

    [Fact]
    public void A_file_below_the_root_resolves_to_itself()
    {
        var root = Dir("data");
        var file = FileAt("data", "sub-01", "anat", "sub-01_T1w.nii.gz");

        Assert.Equal(file, DataRoot.Resolve(root, file, "T1 image"));
    }

    [Fact]
    public void A_link_below_the_root_to_a_file_elsewhere_is_refused_and_said_so()
    {
        var root = Dir("data");
        var secret = FileAt("home", "secret.txt");
        var link = Path.Combine(Dir("data", "sub-01"), "t1.nii");
        File.CreateSymbolicLink(link, secret);

        var ex = Assert.Throws<InvalidInputException>(() => DataRoot.Resolve(root, link, "T1 image"));

        Assert.Equal($"T1 image '{link}' lies through a symbolic link outside the data root '{root}' ([paths].data); inputs must be below it.", ex.Message);
    }

    [Fact]
    public void Dot_dot_out_of_the_root_and_a_root_prefix_that_is_another_folder_are_refused()
    {
        var root = Dir("data");
        FileAt("data-other", "t1.nii");

        Assert.Throws<InvalidInputException>(() => DataRoot.Resolve(root, Path.Combine(root, "..", "data-other", "t1.nii"), "T1 image"));
        Assert.Throws<InvalidInputException>(() => DataRoot.Resolve(root, Path.Combine(_base, "data-other", "t1.nii"), "T1 image"));
        Assert.Throws<InvalidInputException>(() => DataRoot.Resolve(root, root, "T1 image"));
    }

    [Fact]
    public void A_data_root_that_is_itself_a_link_admits_files_by_either_name()
    {
        var real = Dir("mnt", "data");
        var file = FileAt("mnt", "data", "t1.nii");
        var root = Path.Combine(_base, "data");
        Directory.CreateSymbolicLink(root, real);

        Assert.Equal(file, DataRoot.Resolve(root, Path.Combine(root, "t1.nii"), "T1 image"));
        Assert.Equal(file, DataRoot.Resolve(root, file, "T1 image"));
    }

    [Fact]
    public void Control_characters_in_a_refused_path_are_escaped()
    {
        var root = Dir("data");

        var ex = Assert.Throws<InvalidInputException>(() => DataRoot.Resolve(root, Path.Combine(_base, "x\u0007y"), "T1 image"));

        Assert.Contains("x\\u0007y", ex.Message);
        Assert.DoesNotContain('\u0007', ex.Message);
    }

    [Fact]
    public void Message_text_escapes_every_control_character_and_leaves_the_rest()
    {
        Assert.Equal("sub-01", MessageText.Escape("sub-01"));
        Assert.Equal("a\\u0007b\\u001B[2J\\u000A", MessageText.Escape("a\u0007b\u001b[2J\n"));
        Assert.Equal("Zürich \\u0000", MessageText.Escape("Zürich \0"));
    }
}

using System.Text.Json;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Imaging;

/// <summary>nibabel 5.0's readings of every shared image (../shared/data/expected-nibabel.json).</summary>
public static class NibabelFacts
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(System.IO.File.ReadAllText(TestData.File("expected-nibabel.json"))).RootElement);

    public static JsonElement For(string fileName) => Root.Value.GetProperty(fileName);

    /// <summary>Every readable image named in the facts (the error entry excluded).</summary>
    public static IEnumerable<string> ReadableFiles =>
        Root.Value.EnumerateObject().Where(p => !p.Value.TryGetProperty("error", out _)).Select(p => p.Name);

    /// <summary>The shared file for a fact's name (nifti/, freesurfer/bert/mri/ or ixi/).</summary>
    public static string PathOf(string fileName)
    {
        foreach (var dir in new[] { new[] { "nifti" }, ["freesurfer", "bert", "mri"], ["ixi"] })
        {
            var p = Path.Combine([TestData.SharedData, .. dir, fileName]);
            if (System.IO.File.Exists(p)) return p;
        }
        throw new FileNotFoundException($"no shared image named {fileName}");
    }

    public static double[] Doubles(this JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    public static int[] Ints(this JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    /// <summary>numpy dtype string (">i2", "uint8", "&lt;f4") to our type name.</summary>
    public static string TypeName(string numpy)
    {
        var t = numpy.TrimStart('<', '>', '=', '|');
        return t switch
        {
            "u1" => "uint8", "i1" => "int8", "i2" => "int16", "u2" => "uint16", "i4" => "int32", "u4" => "uint32",
            "i8" => "int64", "u8" => "uint64", "f4" => "float32", "f8" => "float64", _ => t,
        };
    }
}

using System.Text.Json;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Imaging;

/// <summary>scipy/nibabel values computed by Reference/imaging_reference.py and committed as imaging-reference.json.</summary>
public static class ImagingReference
{
    private static readonly Lazy<JsonElement> Root = new(() => JsonDocument.Parse(System.IO.File.ReadAllText(
        Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Imaging", "Reference", "imaging-reference.json"))).RootElement);

    public static JsonElement Get(string key) => Root.Value.GetProperty(key);
}

namespace RelevanceRelated.Analysis.Features.FreeSurfer;

/// <summary>
/// aseg structure names that changed between FreeSurfer versions: 6 names the thalami Left-/Right-Thalamus-Proper
/// (code 10/49), 7 names them Left-/Right-Thalamus. A configured ROI in either spelling finds both.
/// </summary>
public static class StructureNames
{
    private static readonly (string V7, string V6)[] Renamed =
    [
        ("Left-Thalamus", "Left-Thalamus-Proper"),
        ("Right-Thalamus", "Right-Thalamus-Proper"),
    ];

    /// <summary>The name itself first, then its spelling in the other FreeSurfer version (if it has one).</summary>
    public static IReadOnlyList<string> Versions(string name)
    {
        foreach (var (v7, v6) in Renamed)
        {
            if (name == v7) return [v7, v6];
            if (name == v6) return [v6, v7];
        }
        return [name];
    }
}

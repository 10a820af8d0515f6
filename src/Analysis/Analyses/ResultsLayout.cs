namespace RelevanceRelated.Analysis.Analyses;

/// <summary>
/// Where the analyses write under <c>[paths].results</c>, in the original's folders: merged per-subject tables in
/// <c>statsmaps/</c> (its <c>data/statsmaps</c>), results in <c>WML/</c>, <c>GM/</c> (cortical and subcortical),
/// <c>PVS/</c> and <c>FA/</c>. File names are the original's.
/// </summary>
public sealed record ResultsLayout(string Root)
{
    public string StatsMaps => Path.Combine(Root, "statsmaps");
    public string Wml => Path.Combine(Root, "WML");
    public string Gm => Path.Combine(Root, "GM");
    public string Pvs => Path.Combine(Root, "PVS");
    public string Fa => Path.Combine(Root, "FA");
    public string Missingness => Path.Combine(Root, "check_N");

    /// <summary>The path of a file in one of the folders, creating the folder.</summary>
    public static string In(string folder, string fileName)
    {
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>
/// Where the analyses write under <c>[paths].results</c>, in the original's folders: merged per-subject tables in
/// <c>statsmaps/</c> (its <c>data/statsmaps</c>), results in <c>WML/</c>, <c>GM/</c> (cortical and subcortical),
/// <c>PVS/</c> and <c>FA/</c>. File names are the original's.
/// </summary>
public sealed record ResultsLayout(string Root)
{
    public const string StatsMapsFolder = "statsmaps";
    public const string WmlFolder = "WML";
    public const string GmFolder = "GM";
    public const string PvsFolder = "PVS";
    public const string FaFolder = "FA";
    public const string MissingnessFolder = "check_N";

    public string StatsMaps => Path.Combine(Root, StatsMapsFolder);
    public string Wml => Path.Combine(Root, WmlFolder);
    public string Gm => Path.Combine(Root, GmFolder);
    public string Pvs => Path.Combine(Root, PvsFolder);
    public string Fa => Path.Combine(Root, FaFolder);
    public string Missingness => Path.Combine(Root, MissingnessFolder);

    /// <summary>The path of a file in one of the folders, creating the folder.</summary>
    public static string In(string folder, string fileName)
    {
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}

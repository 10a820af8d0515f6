namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// One transform file of a chain as a user names it: the path, whether to use its inverse (antsApplyTransforms'
/// <c>[file,1]</c>), and for an FSL FLIRT matrix the two images it was computed between (FLIRT's matrices are
/// defined on their voxel grids, so the file alone does not say what it does in world space).
/// </summary>
public sealed record TransformReference(string Path, bool Invert = false, FslMatrixImages? Fsl = null)
{
    /// <summary>Parses antsApplyTransforms' syntax: <c>file</c>, <c>[file,0]</c> or <c>[file,1]</c>.</summary>
    /// <exception cref="InvalidInputException">The text is bracketed but not <c>[file,0|1]</c>.</exception>
    public static TransformReference Parse(string text, string what = "-t")
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length == 0) throw new InvalidInputException($"{what}: empty transform name");
        if (!t.StartsWith('[')) return new TransformReference(t);
        var comma = t.LastIndexOf(',');
        if (!t.EndsWith(']') || comma < 0)
            throw new InvalidInputException($"{what}: '{text}': expected FILE, [FILE,0] or [FILE,1]");
        var path = t[1..comma].Trim();
        var flag = t[(comma + 1)..^1].Trim();
        if (path.Length == 0 || flag is not ("0" or "1"))
            throw new InvalidInputException($"{what}: '{text}': expected FILE, [FILE,0] or [FILE,1]");
        return new TransformReference(path, flag == "1");
    }

    public override string ToString() => Invert ? $"[{Path},1]" : Path;
}

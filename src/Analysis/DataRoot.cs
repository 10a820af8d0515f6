namespace RelevanceRelated.Analysis;

/// <summary>
/// The one check that an input lies below the data root (<c>[paths].data</c>), used by the console's submit and by every
/// stage that opens a subject's files. Both sides are compared as <see cref="RealPath"/>s, so neither <c>..</c> nor a
/// symbolic link under the root can lead to a file elsewhere.
/// </summary>
public static class DataRoot
{
    /// <summary>
    /// The real path of <paramref name="path"/>, to open instead of the given one (what was checked is what is read).
    /// </summary>
    /// <param name="what">What the path is, for the message, e.g. "T1 image".</param>
    /// <exception cref="InvalidInputException">The real path is not below the real data root.</exception>
    public static string Resolve(string root, string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var realRoot = Path.TrimEndingDirectorySeparator(RealPath.Of(root));
        var real = RealPath.Of(path);
        if (real.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return real;
        var lexical = Path.GetFullPath(path);
        var how = lexical.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? " through a symbolic link"
            : "";
        throw new InvalidInputException(
            $"{what} '{MessageText.Escape(path)}' lies{how} outside the data root '{MessageText.Escape(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)))}' ([paths].data); inputs must be below it.");
    }
}

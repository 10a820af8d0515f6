namespace RelevanceRelated.Analysis;

/// <summary>
/// The canonical path of a file or directory as the operating system opens it, like POSIX <c>realpath</c>: every
/// symbolic link on the way is followed, and <c>.</c> and <c>..</c> are applied to the directory actually reached (so
/// <c>link/..</c> is the link target's parent, not the link's). Components that do not exist are kept as written.
/// </summary>
public static class RealPath
{
    /// <summary>As Linux, which gives up (ELOOP) after this many links in one lookup.</summary>
    public const int MaxLinks = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <exception cref="InvalidInputException">The path runs through more than <see cref="MaxLinks"/> symbolic links (a loop).</exception>
    public static string Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(absolute)!;
        var pending = new Stack<string>(Components(absolute[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        var exists = true;
        while (pending.TryPop(out var part))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Combine(current, part);
            // FileInfo reads the entry itself (lstat), so it sees links to directories as well as to files.
            if (exists && new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                    throw new InvalidInputException($"'{path}' runs through more than {MaxLinks} symbolic links (a loop?).");
                if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target)!;
                foreach (var targetPart in Components(target[Path.GetPathRoot(target)!.Length..]).Reverse()) pending.Push(targetPart);
                continue;
            }
            exists = exists && (File.Exists(next) || Directory.Exists(next));
            current = next;
        }
        return current;
    }

    private static string[] Components(string path) => path.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}

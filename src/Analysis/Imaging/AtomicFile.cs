namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Writes files atomically: into a temporary file in the same directory, then renamed over the target.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; a failure leaves any old file untouched.</summary>
    public static void Write(string path, Action<Stream> write) => WriteAll([(path, write)]);

    /// <summary>Writes several files (e.g. a .hdr/.img pair); all are renamed into place only after all were written.</summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (path, write) in files)
            {
                var full = Path.GetFullPath(path);
                var dir = Path.GetDirectoryName(full)!;
                Directory.CreateDirectory(dir);
                var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
                temps.Add((temp, full));
                using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                write(fs);
                fs.Flush(flushToDisk: false);
            }
            foreach (var (temp, final) in temps) File.Move(temp, final, overwrite: true);
            temps.Clear();
        }
        finally
        {
            foreach (var (temp, _) in temps)
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

using System.Security.Cryptography;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// SHA-256 over the bytes of the files an image is made of (<see cref="VolumeFile.SourceFiles"/>): whether a file a
/// subject was submitted with still holds what was analysed, whatever its name.
/// </summary>
public static class ImageFingerprint
{
    /// <returns>64 lower-case hex digits, or null when a file of the image does not exist (any more).</returns>
    public static string? Of(string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var file in VolumeFile.SourceFiles(path))
        {
            if (!File.Exists(file)) return null;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace RelevanceRelated.Analysis.Artifacts;

/// <summary>
/// Content-addressed files under one root directory that every silo mounts. An artifact's path is derived
/// from its SHA-256 (<c>sha256/&lt;first two hex digits&gt;/&lt;hash&gt;&lt;extension&gt;</c>), so identical content is
/// stored once and a path never changes meaning. Writes go to a temporary file under the root and are renamed
/// into place, so readers on any silo see either nothing or the whole file. A put over an existing file checks its
/// hash and replaces a corrupted copy. Reads through <see cref="ReadAllBytesAsync"/> and <see cref="GetVerifiedPathAsync"/>
/// check size and hash.
/// </summary>
public sealed partial class ArtifactStore
{
    private const int BufferSize = 1 << 20;
    private const string HashFolder = "sha256";
    private const string TempFolder = ".incoming";

    public ArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, TempFolder));
    }

    /// <summary>The absolute root directory.</summary>
    public string Root { get; }

    /// <summary>Stores <paramref name="content"/>; <paramref name="extension"/> (e.g. ".nii.gz") is kept for readers that look at names.</summary>
    public async Task<ArtifactReference> PutAsync(Stream content, string extension = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ValidateExtension(extension);
        var tempPath = Path.Combine(Root, TempFolder, $"{Guid.NewGuid():N}.partial");
        try
        {
            string sha256;
            long bytes;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                (sha256, bytes) = await CopyAndHashAsync(content, file, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            var relativePath = $"{HashFolder}/{sha256[..2]}/{sha256}{extension}";
            var finalPath = FullPath(relativePath);
            if (!await IsIntactAsync(finalPath, sha256, bytes, cancellationToken))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
                // A rename replaces a missing, truncated or corrupted copy in one step, so readers never see a partial
                // file; same content always lands on the same path, so replacing a concurrent writer's copy is harmless.
                File.Move(tempPath, finalPath, overwrite: true);
            }
            return new ArtifactReference(relativePath, sha256, bytes);
        }
        finally
        {
            if (File.Exists(tempPath)) File.Delete(tempPath);
        }
    }

    public async Task<ArtifactReference> PutAsync(byte[] content, string extension = "", CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(content, writable: false);
        return await PutAsync(stream, extension, cancellationToken);
    }

    /// <summary>Copies an existing file into the store.</summary>
    public async Task<ArtifactReference> PutFileAsync(string path, string extension = "", CancellationToken cancellationToken = default)
    {
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await PutAsync(source, extension, cancellationToken);
    }

    /// <summary>The artifact's content, after checking its size and SHA-256.</summary>
    /// <exception cref="ArtifactIntegrityException">The file is missing or differs from the reference.</exception>
    public async Task<byte[]> ReadAllBytesAsync(ArtifactReference reference, CancellationToken cancellationToken = default)
    {
        var path = ExistingPath(reference);
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        Check(reference, path, Convert.ToHexStringLower(SHA256.HashData(content)), content.LongLength);
        return content;
    }

    /// <summary>The absolute path of the artifact, after checking its size and SHA-256 (for readers that take paths).</summary>
    /// <exception cref="ArtifactIntegrityException">The file is missing or differs from the reference.</exception>
    public async Task<string> GetVerifiedPathAsync(ArtifactReference reference, CancellationToken cancellationToken = default)
    {
        var path = ExistingPath(reference);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var (sha256, bytes) = await CopyAndHashAsync(file, Stream.Null, cancellationToken);
        Check(reference, path, sha256, bytes);
        return path;
    }

    /// <summary>The absolute path an artifact reference points to (not checked; see <see cref="GetVerifiedPathAsync"/>).</summary>
    /// <exception cref="ArgumentException">The reference is not a path this store produces.</exception>
    public string GetPath(ArtifactReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var match = RelativePathPattern().Match(reference.RelativePath);
        if (!match.Success || match.Groups["hash"].Value != reference.Sha256)
            throw new ArgumentException(
                $"Artifact path '{reference.RelativePath}' is not a store path for SHA-256 {reference.Sha256}.", nameof(reference));
        return FullPath(reference.RelativePath);
    }

    private string ExistingPath(ArtifactReference reference)
    {
        var path = GetPath(reference);
        return File.Exists(path)
            ? path
            : throw new ArtifactIntegrityException($"Artifact {reference.RelativePath} is missing from the store at {Root}.");
    }

    private static void Check(ArtifactReference reference, string path, string sha256, long bytes)
    {
        if (bytes != reference.Bytes || sha256 != reference.Sha256)
            throw new ArtifactIntegrityException(
                $"Artifact {path} does not match its reference: expected {reference.Bytes} bytes with SHA-256 " +
                $"{reference.Sha256}, found {bytes} bytes with SHA-256 {sha256}.");
    }

    private string FullPath(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// Whether the file at <paramref name="path"/> already holds exactly this content. The length alone is not enough:
    /// a corrupted copy of the same size (a flipped bit, a torn disk block) must be replaced, not kept.
    /// </summary>
    private static async Task<bool> IsIntactAsync(string path, string sha256, long bytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != bytes) return false;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var (existing, length) = await CopyAndHashAsync(file, Stream.Null, cancellationToken);
        return length == bytes && existing == sha256;
    }

    private static void ValidateExtension(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (extension.Length > 16 || !ExtensionPattern().IsMatch(extension))
            throw new ArgumentException($"Artifact extension '{extension}' must be empty or like '.nii.gz' (letters and digits after each dot, at most 16 characters).", nameof(extension));
    }

    private static async Task<(string Sha256, long Bytes)> CopyAndHashAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }

    [GeneratedRegex(@"\A(\.[A-Za-z0-9]+)*\z")]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex(@"\Asha256/(?<prefix>[0-9a-f]{2})/(?<hash>\k<prefix>[0-9a-f]{62})(\.[A-Za-z0-9]+)*\z")]
    private static partial Regex RelativePathPattern();
}

using RelevanceRelated.Contracts;
using System.Security.Cryptography;
using System.Text;
using RelevanceRelated.Grains;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Artifacts;

public sealed class ArtifactStoreTests
{
    // FIPS 180-2 test vector: SHA-256("abc").
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ArtifactStore _store = new(TestData.NewTempDirectory("rr-artifacts"));

    [Fact]
    public async Task Put_returns_the_sha256_the_length_and_a_path_derived_from_the_hash()
    {
        var reference = await _store.PutAsync("abc"u8.ToArray(), ".txt", Ct);

        Assert.Equal(new ArtifactReference($"sha256/ba/{AbcSha256}.txt", AbcSha256, 3), reference);
        Assert.Equal("abc", await File.ReadAllTextAsync(Path.Combine(_store.Root, "sha256", "ba", $"{AbcSha256}.txt"), Ct));
    }

    [Fact]
    public async Task Identical_content_is_stored_once()
    {
        var first = await _store.PutAsync(Encoding.UTF8.GetBytes("same volume"), ".nii.gz", Ct);
        var second = await _store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("same volume")), ".nii.gz", Ct);

        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(Path.Combine(_store.Root, "sha256"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Streams_larger_than_the_copy_buffer_hash_like_the_whole_content()
    {
        var content = new byte[3 * (1 << 20) + 12345];
        new Random(7).NextBytes(content);

        var reference = await _store.PutAsync(new MemoryStream(content), "", Ct);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), reference.Sha256);
        Assert.Equal(content.LongLength, reference.Bytes);
        Assert.Equal(content, await _store.ReadAllBytesAsync(reference, Ct));
    }

    [Fact]
    public async Task Writes_leave_no_temporary_files_behind()
    {
        await _store.PutAsync("abc"u8.ToArray(), "", Ct);

        Assert.Empty(Directory.GetFiles(Path.Combine(_store.Root, ".incoming")));
    }

    [Fact]
    public async Task Put_file_copies_the_file_into_the_store()
    {
        var source = Path.Combine(TestData.NewTempDirectory(), "input.csv");
        await File.WriteAllTextAsync(source, "abc", Ct);

        var reference = await _store.PutFileAsync(source, ".csv", Ct);

        Assert.Equal(AbcSha256, reference.Sha256);
        Assert.Equal(_store.GetPath(reference), await _store.GetVerifiedPathAsync(reference, Ct));
    }

    [Fact]
    public async Task A_modified_artifact_fails_verification_naming_both_hashes()
    {
        var reference = await _store.PutAsync("abc"u8.ToArray(), "", Ct);
        await File.WriteAllTextAsync(_store.GetPath(reference), "abd", Ct);

        var read = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _store.ReadAllBytesAsync(reference, Ct));
        var path = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _store.GetVerifiedPathAsync(reference, Ct));

        Assert.Contains(AbcSha256, read.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData("abd"u8)), path.Message);
    }

    [Fact]
    public async Task Putting_content_again_repairs_a_corrupted_copy_of_the_same_size()
    {
        var reference = await _store.PutAsync("abc"u8.ToArray(), ".txt", Ct);
        var path = _store.GetPath(reference);
        await File.WriteAllTextAsync(path, "abd", Ct);
        await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _store.GetVerifiedPathAsync(reference, Ct));

        var again = await _store.PutAsync("abc"u8.ToArray(), ".txt", Ct);

        Assert.Equal(reference, again);
        Assert.Equal("abc", await File.ReadAllTextAsync(path, Ct));
        Assert.Equal(path, await _store.GetVerifiedPathAsync(reference, Ct));
        Assert.Empty(Directory.GetFiles(Path.Combine(_store.Root, ".incoming")));
    }

    [Fact]
    public async Task Putting_a_file_again_repairs_a_truncated_copy()
    {
        var source = Path.Combine(TestData.NewTempDirectory(), "t1.nii.gz");
        var content = new byte[4096];
        new Random(3).NextBytes(content);
        await File.WriteAllBytesAsync(source, content, Ct);
        var reference = await _store.PutFileAsync(source, ".nii.gz", Ct);
        await File.WriteAllBytesAsync(_store.GetPath(reference), content[..100], Ct);

        await _store.PutFileAsync(source, ".nii.gz", Ct);

        Assert.Equal(content, await _store.ReadAllBytesAsync(reference, Ct));
    }

    [Fact]
    public async Task An_intact_copy_is_left_in_place()
    {
        var reference = await _store.PutAsync("abc"u8.ToArray(), "", Ct);
        var path = _store.GetPath(reference);
        var written = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        await _store.PutAsync("abc"u8.ToArray(), "", Ct);

        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task A_missing_artifact_fails_verification()
    {
        var reference = await _store.PutAsync("abc"u8.ToArray(), "", Ct);
        File.Delete(_store.GetPath(reference));

        var ex = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _store.ReadAllBytesAsync(reference, Ct));
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public void A_reference_outside_the_store_layout_is_refused()
    {
        var escape = new ArtifactReference($"sha256/ba/../../../etc/{AbcSha256}", AbcSha256, 3);
        var mismatch = new ArtifactReference($"sha256/ba/{AbcSha256}", new string('0', 64), 3);

        Assert.Throws<ArgumentException>(() => _store.GetPath(escape));
        Assert.Throws<ArgumentException>(() => _store.GetPath(mismatch));
    }

    [Fact]
    public async Task An_extension_that_could_leave_the_directory_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync("abc"u8.ToArray(), "/../x", Ct));
    }
}

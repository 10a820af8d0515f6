using System.Buffers.Binary;
using System.Diagnostics;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

/// <summary>
/// Seeded random mutations of the real headers in ../shared/data: bytes, whole fields set to extreme values,
/// truncations, and corrupted compressed streams. The readers may accept a mutated file or refuse it with an
/// <see cref="ImageFormatException"/>, and nothing else: no other exception, no hang, no huge allocation.
/// </summary>
public class HeaderMutationTests
{
    private static readonly VolumeReadOptions Limits = new() { MaxVoxels = 1 << 22 };

    public static TheoryData<string, int> Sources => new()
    {
        { "nifti/minimal.nii", 1 },
        { "nifti/5D_small.nii", 2 },
        { "nifti/anatomical.nii", 3 },
        { "nifti/standard.nii.gz", 4 },
        { "nifti/example_nifti2.nii.gz", 5 },
        { "nifti/test.mgz", 6 },
    };

    [Theory, MemberData(nameof(Sources))]
    public void Readers_only_ever_throw_image_format_errors(string file, int seed)
    {
        var path = TestData.File(file.Split('/'));
        var original = System.IO.File.ReadAllBytes(path);
        var raw = original[0] == 0x1f ? BadInputTests.Gunzip(original) : original;
        var headerSize = file.EndsWith(".mgz") ? 284 : BinaryPrimitives.ReadInt32LittleEndian(raw) is 540 || BinaryPrimitives.ReadInt32BigEndian(raw) is 540 ? 544 : 352;
        var fields = file.EndsWith(".mgz") ? MghFields : headerSize == 544 ? Nifti2Fields : Nifti1Fields;
        var rng = new Random(seed);
        var accepted = 0;
        var refused = 0;
        const int mutations = 700;
        var slowest = TimeSpan.Zero;
        for (var m = 0; m < mutations; m++)
        {
            var bytes = (byte[])raw.Clone();
            var kind = rng.Next(5);
            switch (kind)
            {
                case 0: // random bytes in the header
                    for (var k = rng.Next(1, 5); k > 0; k--) bytes[rng.Next(Math.Min(headerSize, bytes.Length))] = (byte)rng.Next(256);
                    break;
                case 1: // a whole field set to an extreme value
                case 2:
                    var (offset, width) = fields[rng.Next(fields.Length)];
                    Extremes[rng.Next(Extremes.Length)](bytes.AsSpan(offset, width), rng);
                    break;
                case 3: // truncation anywhere
                    bytes = bytes[..rng.Next(bytes.Length)];
                    break;
                default: // random bytes anywhere, then the same again in the compressed form
                    for (var k = rng.Next(1, 9); k > 0; k--) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                    break;
            }
            var compressed = rng.Next(3) == 0;
            if (compressed)
            {
                bytes = BadInputTests.Gzip(bytes);
                if (kind == 4) for (var k = rng.Next(1, 4); k > 0; k--) bytes[rng.Next(bytes.Length)] ^= (byte)rng.Next(1, 256);
            }

            var sw = Stopwatch.StartNew();
            try
            {
                using var v = VolumeFile.Read(new MemoryStream(bytes), Path.GetFileName(file), Limits);
                accepted++;
            }
            catch (ImageFormatException)
            {
                refused++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"mutation {m} (kind {kind}, compressed {compressed}) of {file} threw {ex.GetType().Name}: {ex.Message}");
            }
            if (sw.Elapsed > slowest) slowest = sw.Elapsed;
        }
        Assert.Equal(mutations, accepted + refused);
        Assert.True(refused > mutations / 10, $"only {refused} of {mutations} mutations were refused");
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"the slowest read took {slowest}");
    }

    [Fact]
    public void Pair_readers_only_ever_throw_image_format_errors()
    {
        var dir = TestData.NewTempDirectory();
        using (var v = VolumeFile.Read(TestData.File("nifti", "minimal.nii")))
            VolumeFile.Write(v, Path.Combine(dir, "pair.hdr"));
        var header = System.IO.File.ReadAllBytes(Path.Combine(dir, "pair.hdr"));
        var image = System.IO.File.ReadAllBytes(Path.Combine(dir, "pair.img"));
        var rng = new Random(11);
        var refused = 0;
        for (var m = 0; m < 300; m++)
        {
            var h = (byte[])header.Clone();
            var img = image;
            if (rng.Next(4) == 0) img = image[..rng.Next(image.Length)];
            else if (rng.Next(2) == 0) for (var k = rng.Next(1, 5); k > 0; k--) h[rng.Next(h.Length)] = (byte)rng.Next(256);
            else
            {
                var (offset, width) = Nifti1Fields[rng.Next(Nifti1Fields.Length)];
                if (offset + width <= h.Length) Extremes[rng.Next(Extremes.Length)](h.AsSpan(offset, width), rng);
            }
            System.IO.File.WriteAllBytes(Path.Combine(dir, "m.hdr"), h);
            System.IO.File.WriteAllBytes(Path.Combine(dir, "m.img"), img);
            try
            {
                using var v = VolumeFile.Read(Path.Combine(dir, m % 2 == 0 ? "m.hdr" : "m.img"), Limits);
            }
            catch (ImageFormatException)
            {
                refused++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"pair mutation {m} threw {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.True(refused > 30, $"only {refused} of 300 pair mutations were refused");
    }

    /// <summary>(offset, width) of NIfTI-1 fields: sizeof_hdr, dim[0..7], datatype, bitpix, pixdim, vox_offset, slopes, codes, quaternion, srow, magic.</summary>
    private static readonly (int, int)[] Nifti1Fields =
    [
        (0, 4), (40, 2), (42, 2), (44, 2), (46, 2), (48, 2), (50, 2), (52, 2), (54, 2), (70, 2), (72, 2),
        (76, 4), (80, 4), (84, 4), (88, 4), (108, 4), (112, 4), (116, 4), (252, 2), (254, 2),
        (256, 4), (260, 4), (264, 4), (268, 4), (280, 4), (296, 4), (312, 4), (344, 4), (348, 4), (352, 4), (356, 4),
    ];

    private static readonly (int, int)[] Nifti2Fields =
    [
        (0, 4), (4, 8), (12, 2), (14, 2), (16, 8), (24, 8), (32, 8), (40, 8), (48, 8), (56, 8),
        (104, 8), (112, 8), (168, 8), (176, 8), (184, 8), (344, 4), (348, 4), (352, 8), (360, 8), (400, 8), (540, 4),
    ];

    private static readonly (int, int)[] MghFields =
    [
        (0, 4), (4, 4), (8, 4), (12, 4), (16, 4), (20, 4), (28, 2), (30, 4), (42, 4), (78, 4),
    ];

    private static readonly Action<Span<byte>, Random>[] Extremes =
    [
        (s, _) => s.Clear(),
        (s, _) => s.Fill(0xff),
        (s, _) => { s.Fill(0xff); s[^1] = 0x7f; },
        (s, _) => { s.Clear(); s[^1] = 0x80; },
        (s, _) => { s.Clear(); s[0] = 0x7f; },
        (s, r) => r.NextBytes(s),
        (s, _) => { if (s.Length == 4) BinaryPrimitives.WriteSingleLittleEndian(s, float.NaN); else if (s.Length == 8) BinaryPrimitives.WriteDoubleLittleEndian(s, double.NaN); },
        (s, _) => { if (s.Length == 4) BinaryPrimitives.WriteSingleLittleEndian(s, float.PositiveInfinity); else if (s.Length == 8) BinaryPrimitives.WriteDoubleLittleEndian(s, 1e300); },
        (s, _) => { if (s.Length == 4) BinaryPrimitives.WriteSingleLittleEndian(s, -3e38f); else if (s.Length == 2) BinaryPrimitives.WriteInt16LittleEndian(s, -1); },
    ];
}

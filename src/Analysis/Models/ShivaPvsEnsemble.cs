using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// A PVS segmentation ensemble under the SHIVA contract: reorient to RAS (resampling to 1 mm when the voxels are
/// not 1 mm), crop/pad a box (160×214×176 by default) centred on the brain (non-zero T1 voxels), one channel (T1)
/// or two (T1, FLAIR), each clipped at a percentile (of brain voxels, or of the whole box as SHIVA did) and scaled
/// to [0, 1]; run every fold, average the probability maps and put the mean back into the T1's native grid
/// (0 outside the box). ONNX Runtime sessions are created once and reused for every subject.
/// </summary>
public sealed class ShivaPvsEnsemble : IDisposable
{
    private readonly List<(InferenceSession Session, VolumeTensorLayout Layout, string File)> _folds = [];

    public string Name { get; }
    public int Channels { get; }
    public IReadOnlyList<int> Box { get; }
    public double ClipPercentile { get; }
    public PercentileScope ClipScope { get; }

    private ShivaPvsEnsemble(string name, int channels, IReadOnlyList<int> box, double clipPercentile, PercentileScope clipScope)
    {
        Name = name;
        Channels = channels;
        Box = box;
        ClipPercentile = clipPercentile;
        ClipScope = clipScope;
    }

    public static ShivaPvsEnsemble Load(PvsModelConfig config) =>
        Load(config.Name, config.Files, config.Channels.Count, config.Box, config.ClipPercentile, config.ClipScope);

    public static ShivaPvsEnsemble Load(string name, IReadOnlyList<string> files, int channels, IReadOnlyList<int>? box = null,
        double clipPercentile = 99, PercentileScope clipScope = PercentileScope.All)
    {
        var entry = $"pvs_models.{name}";
        if (files.Count == 0) throw new InvalidInputException($"{entry}: no fold files");
        if (channels is not (1 or 2)) throw new InvalidInputException($"{entry}: {channels} channels; expected 1 (T1) or 2 (T1, FLAIR)");
        box ??= [160, 214, 176];
        var ensemble = new ShivaPvsEnsemble(name, channels, box, clipPercentile, clipScope);
        try
        {
            foreach (var file in files)
            {
                var (session, layout) = ModelSessions.OpenAndDescribe(file, entry, "fold file", s => VolumeTensorLayout.Detect(s, entry, file, channels, box));
                ensemble._folds.Add((session, layout, file));
            }
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
        return ensemble;
    }

    /// <summary>The fold-averaged PVS probability in <paramref name="t1"/>'s native grid.</summary>
    public Volume Predict(Volume t1, Volume? flair = null)
    {
        var entry = $"pvs_models.{Name}";
        if (Channels == 2 && flair is null) throw new InvalidInputException($"{entry}: the model takes T1 and FLAIR; no FLAIR was given");
        if (Channels == 1 && flair is not null) throw new InvalidInputException($"{entry}: the model takes T1 only; a FLAIR was given");
        FiniteVoxels.Require(t1, $"the T1 image given to {entry}");
        if (flair is not null) FiniteVoxels.Require(flair, $"the FLAIR image given to {entry}");

        using var ras = Orientation.Reorient(t1, "RAS");
        var oneMm = ras.Zooms.Take(3).Any(z => Math.Abs(z - 1) > 1e-3);
        using var t1Grid = oneMm ? ResampleToOneMm(ras) : ras.Clone();
        var spatial = t1Grid.SpatialCount;

        using var stack = new Volume([t1Grid.Nx, t1Grid.Ny, t1Grid.Nz, Channels], t1Grid.Affine);
        t1Grid.Frame(0).CopyTo(stack.Frame(0));
        if (flair is not null)
        {
            using var flairRas = Orientation.Reorient(flair, "RAS");
            using var onGrid = VoxelGrid.Same(flairRas, t1Grid) ? flairRas.Clone() : Resampler.ResampleLike(flairRas, t1Grid);
            onGrid.Frame(0).CopyTo(stack.Frame(1));
        }

        var (box, transform) = Pruning.Prune(stack, Box, PruneBackground.Zero);
        var mean = new float[Box[0] * Box[1] * Box[2]];
        using (box)
        {
            var channels = new float[Channels][];
            for (var c = 0; c < Channels; c++)
            {
                using var channel = Volume.FromData(box.Frame(c), [Box[0], Box[1], Box[2]], box.Affine);
                Normalisation.ClipAtPercentile(channel, ClipPercentile, ClipScope);
                Normalisation.MinMaxScale(channel);
                channels[c] = channel.Data.ToArray();
            }
            foreach (var (session, layout, file) in _folds)
            {
                using var results = session.Run([layout.CreateInput(channels)]);
                var map = layout.OutputToVolume(results[0].AsTensor<float>(), entry, file);
                for (var i = 0; i < mean.Length; i++) mean[i] += map[i];
            }
            var n = (float)_folds.Count;
            for (var i = 0; i < mean.Length; i++) mean[i] /= n;
        }

        // Back through the box's affine and the T1's, as every model-grid map (exact unless the T1 was not at 1 mm).
        using var boxMap = Volume.FromData(mean, [Box[0], Box[1], Box[2]], transform.BoxAffine);
        return NativeGridMapping.ToNative(boxMap, t1, $"{entry} output", "the T1 image");
    }

    /// <summary>The same field of view on a 1 mm grid (RAS, same origin).</summary>
    private static Volume ResampleToOneMm(Volume ras)
    {
        var a = ras.Affine;
        var (zx, zy, zz) = a.ColumnNorms;
        int[] shape = [(int)Math.Ceiling(ras.Nx * zx), (int)Math.Ceiling(ras.Ny * zy), (int)Math.Ceiling(ras.Nz * zz)];
        var values = a.ToArray();
        double[] zooms = [zx, zy, zz];
        for (var c = 0; c < 3; c++)
            for (var r = 0; r < 3; r++) values[r * 4 + c] /= zooms[c];
        return Resampler.Resample(ras, shape, new Affine(values));
    }

    public void Dispose()
    {
        foreach (var (session, _, _) in _folds) session.Dispose();
        _folds.Clear();
    }
}

using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models.Preprocessing;

/// <summary>
/// Crops or pads a volume to the model's box around the centre the recipe chooses (<see cref="CropCentre"/>) and
/// records what it did as a <see cref="PruneTransform"/>, so maps in the box go back with <see cref="Pruning.Reverse"/>.
/// <see cref="CropCentre.BrainBoundingBox"/> is <see cref="Pruning.Prune"/> (the original pipeline's pruning);
/// the other centres cut a window of the box's size: numpy's <c>np.pad(data, pads)[s0:s0+b0, s1:s1+b1, s2:s2+b2]</c>
/// with the window start s per axis as the centre gives it, 0 where the window leaves the volume.
/// </summary>
public static class BoxPlacement
{
    public static (Volume Box, PruneTransform Transform) Place(Volume volume, IReadOnlyList<int> box, CropCentre centre, double sliceThreshold)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (box.Count != 3 || box.Any(b => b < 1)) throw new InvalidInputException($"crop: box [{string.Join(", ", box)}] must be three positive sizes");
        if (centre == CropCentre.BrainBoundingBox) return Pruning.Prune(volume, box, PruneBackground.Minimum);
        var start = centre switch
        {
            CropCentre.VolumeCentre => VolumeCentreStart(volume, box),
            CropCentre.SliceSums => SliceSumStart(volume, box, sliceThreshold),
            CropCentre.CentreOfMass => CentreOfMassStart(volume, box),
            _ => throw new ArgumentOutOfRangeException(nameof(centre), centre, "not a crop centre"),
        };
        return Window(volume, box, start);
    }

    /// <summary>(n − size) // 2 per axis.</summary>
    public static int[] VolumeCentreStart(Volume volume, IReadOnlyList<int> box)
    {
        int[] n = [volume.Nx, volume.Ny, volume.Nz];
        return [.. Enumerable.Range(0, 3).Select(a => FloorDiv(n[a] - box[a], 2))];
    }

    /// <summary>
    /// Per axis, the first (lo) and last (hi) index whose slice sums to more than <paramref name="threshold"/>
    /// (<c>np.nonzero(data.sum(axis=others) &gt; T)</c>); start = lo − (size − (hi − lo + 1)) // 2.
    /// </summary>
    public static int[] SliceSumStart(Volume volume, IReadOnlyList<int> box, double threshold)
    {
        var sums = SliceSums(volume);
        var start = new int[3];
        for (var a = 0; a < 3; a++)
        {
            var s = sums[a];
            var lo = Array.FindIndex(s, v => v > threshold);
            var hi = Array.FindLastIndex(s, v => v > threshold);
            if (lo < 0)
                throw new InvalidInputException(
                    $"crop = \"slice_sum\": no slice along axis {a} sums to more than crop_threshold = {threshold} (the largest sum is {s.Max()}); expected a lower threshold");
            start[a] = lo - FloorDiv(box[a] - (hi - lo + 1), 2);
        }
        return start;
    }

    /// <summary>round(c) − size // 2 per axis, c the intensity-weighted centre of mass (scipy.ndimage.center_of_mass), rounded half to even.</summary>
    public static int[] CentreOfMassStart(Volume volume, IReadOnlyList<int> box)
    {
        var sums = SliceSums(volume);
        var total = sums[0].Sum();
        if (!(total != 0) || !double.IsFinite(total))
            throw new InvalidInputException($"crop = \"centre_of_mass\": the image's intensities sum to {total}; a centre of mass needs a non-zero, finite total");
        var start = new int[3];
        for (var a = 0; a < 3; a++)
        {
            var moment = 0.0;
            for (var i = 0; i < sums[a].Length; i++) moment += i * sums[a][i];
            start[a] = (int)Math.Round(moment / total, MidpointRounding.ToEven) - box[a] / 2;
        }
        return start;
    }

    /// <summary>The box of <paramref name="size"/> starting at <paramref name="start"/> (may be negative or run past the end: 0 there).</summary>
    public static (Volume Box, PruneTransform Transform) Window(Volume volume, IReadOnlyList<int> size, IReadOnlyList<int> start)
    {
        int[] n = [volume.Nx, volume.Ny, volume.Nz];
        var sourceStart = new int[3];
        var targetStart = new int[3];
        var extent = new int[3];
        for (var a = 0; a < 3; a++)
        {
            sourceStart[a] = Math.Max(start[a], 0);
            targetStart[a] = Math.Max(-start[a], 0);
            extent[a] = Math.Min(start[a] + size[a], n[a]) - sourceStart[a];
            if (extent[a] < 1)
                throw new InvalidInputException(
                    $"crop: the box [{string.Join(", ", size)}] starting at [{string.Join(", ", start)}] does not overlap the image [{string.Join(", ", n)}] along axis {a}");
        }
        var transform = new PruneTransform(n, volume.Affine, [.. size], sourceStart, targetStart, extent, Background: 0);
        var box = new Volume([size[0], size[1], size[2]], transform.BoxAffine, volume.DataType, [.. volume.Zooms.Take(3)], volume.Metadata);
        var src = volume.Frame(0);
        var dst = box.Frame(0);
        for (var z = 0; z < extent[2]; z++)
            for (var y = 0; y < extent[1]; y++)
            {
                var s = sourceStart[0] + n[0] * (sourceStart[1] + y + n[1] * (sourceStart[2] + z));
                var d = targetStart[0] + size[0] * (targetStart[1] + y + size[1] * (targetStart[2] + z));
                src.Slice(s, extent[0]).CopyTo(dst.Slice(d, extent[0]));
            }
        return (box, transform);
    }

    /// <summary>Sums of the first frame's slices along x, y and z (float64, as numpy sums), in one pass.</summary>
    private static double[][] SliceSums(Volume volume)
    {
        var (nx, ny, nz) = volume.Shape3;
        var x = new double[nx];
        var y = new double[ny];
        var z = new double[nz];
        var data = volume.Frame(0);
        for (var k = 0; k < nz; k++)
            for (var j = 0; j < ny; j++)
            {
                var row = data.Slice(nx * (j + ny * k), nx);
                var rowSum = 0.0;
                for (var i = 0; i < nx; i++)
                {
                    x[i] += row[i];
                    rowSum += row[i];
                }
                y[j] += rowSum;
                z[k] += rowSum;
            }
        return [x, y, z];
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);
}

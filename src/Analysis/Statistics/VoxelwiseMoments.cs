namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Running per-voxel moments of two maps over subjects, one subject at a time: means, centred sums of squares and
/// cross-products (Welford's update, numerically as good as two passes) and the raw sums the cosine needs. Two
/// accumulators over disjoint subjects merge exactly (Chan et al.'s pairwise formulas), so cohort partitions can
/// each accumulate their subjects and one merge gives the cohort's maps without holding every map in memory.
/// </summary>
public sealed class VoxelwiseMoments
{
    private const int Slab = 4096;
    private readonly double[] _meanX, _meanY, _m2X, _m2Y, _cXY, _sXX, _sYY, _sXY;

    public int Voxels { get; }
    public int Subjects { get; private set; }

    public VoxelwiseMoments(int voxels)
    {
        if (voxels <= 0) throw new InvalidInputException($"Voxel-wise moments need at least one voxel; got {voxels}.");
        Voxels = voxels;
        _meanX = new double[voxels]; _meanY = new double[voxels];
        _m2X = new double[voxels]; _m2Y = new double[voxels]; _cXY = new double[voxels];
        _sXX = new double[voxels]; _sYY = new double[voxels]; _sXY = new double[voxels];
    }

    /// <summary>Adds one subject's pair of maps (same grid, same voxel order).</summary>
    public void Add(ReadOnlyMemory<float> x, ReadOnlyMemory<float> y)
    {
        if (x.Length != Voxels || y.Length != Voxels)
            throw new InvalidInputException($"A subject's maps have {x.Length} and {y.Length} voxels; the accumulated maps have {Voxels}.");
        var n = ++Subjects;
        Parallel.For(0, (Voxels + Slab - 1) / Slab, slab =>
        {
            var xs = x.Span;
            var ys = y.Span;
            var end = Math.Min(Voxels, (slab + 1) * Slab);
            for (var v = slab * Slab; v < end; v++)
            {
                double xv = xs[v], yv = ys[v];
                var dx = xv - _meanX[v];
                var dy = yv - _meanY[v];
                _meanX[v] += dx / n;
                _meanY[v] += dy / n;
                _m2X[v] += dx * (xv - _meanX[v]);
                _m2Y[v] += dy * (yv - _meanY[v]);
                _cXY[v] += dx * (yv - _meanY[v]);
                _sXX[v] += xv * xv;
                _sYY[v] += yv * yv;
                _sXY[v] += xv * yv;
            }
        });
    }

    /// <summary>Adds the subjects of <paramref name="other"/> (disjoint from this one's) to this accumulator.</summary>
    public void Merge(VoxelwiseMoments other)
    {
        if (other.Voxels != Voxels) throw new InvalidInputException($"Cannot merge moments of {other.Voxels} voxels into moments of {Voxels}.");
        if (other.Subjects == 0) return;
        double na = Subjects, nb = other.Subjects, n = na + nb;
        for (var v = 0; v < Voxels; v++)
        {
            var dx = other._meanX[v] - _meanX[v];
            var dy = other._meanY[v] - _meanY[v];
            _m2X[v] += other._m2X[v] + dx * dx * na * nb / n;
            _m2Y[v] += other._m2Y[v] + dy * dy * na * nb / n;
            _cXY[v] += other._cXY[v] + dx * dy * na * nb / n;
            _meanX[v] += dx * nb / n;
            _meanY[v] += dy * nb / n;
            _sXX[v] += other._sXX[v];
            _sYY[v] += other._sYY[v];
            _sXY[v] += other._sXY[v];
        }
        Subjects += other.Subjects;
    }

    /// <summary>Pearson r of voxel <paramref name="v"/> over the subjects; NaN when either map is constant there.</summary>
    public double Correlation(int v) =>
        _m2X[v] > 0 && _m2Y[v] > 0 ? Math.Clamp(_cXY[v] / Math.Sqrt(_m2X[v] * _m2Y[v]), -1, 1) : double.NaN;

    /// <summary>Cosine similarity of the two subject vectors at voxel <paramref name="v"/>; NaN when either is all zero.</summary>
    public double Cosine(int v) => _sXX[v] > 0 && _sYY[v] > 0 ? _sXY[v] / Math.Sqrt(_sXX[v] * _sYY[v]) : double.NaN;

    /// <summary>The mean of the first map at voxel <paramref name="v"/>.</summary>
    public double MeanX(int v) => _meanX[v];

    /// <summary>The mean of the second map at voxel <paramref name="v"/>.</summary>
    public double MeanY(int v) => _meanY[v];
}

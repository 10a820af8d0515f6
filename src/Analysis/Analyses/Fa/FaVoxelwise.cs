using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Fa;

/// <summary>The across-subject maps of the FA analysis on the template grid (0 outside the white-matter mask, as nilearn's unmask).</summary>
public sealed record FaVoxelwiseMaps(double[] R, double[] P, double[] Cosine, double[] MeanImage, bool[] Mask, int Subjects, int TestedVoxels);

/// <summary>
/// The original's "correlate for each voxel the FA values and relevance values over subjects": accumulates each
/// subject's relevance, FA and MRI (all on the template grid) as mergeable moments, then gives per-voxel Pearson r, its p
/// and the cosine inside the white matter, which the original defined as the JHU atlas's labelled voxels where the
/// subjects' mean MRI (mean_img) is non-zero, plus that mean image.
/// </summary>
public sealed class FaVoxelwise
{
    private readonly VoxelwiseMoments _moments;
    private readonly double[] _mriSum;

    public FaVoxelwise(int voxels)
    {
        _moments = new VoxelwiseMoments(voxels);
        _mriSum = new double[voxels];
    }

    public int Subjects => _moments.Subjects;

    public void Add(ReadOnlyMemory<float> relevance, ReadOnlyMemory<float> fa, ReadOnlySpan<float> mri)
    {
        if (mri.Length != _mriSum.Length) throw new InvalidInputException($"FA: the MRI has {mri.Length} voxels; the template grid has {_mriSum.Length}.");
        _moments.Add(relevance, fa);
        for (var i = 0; i < mri.Length; i++) _mriSum[i] += mri[i];
    }

    /// <summary>Adds another accumulator's subjects (e.g. another cohort partition's).</summary>
    public void Merge(FaVoxelwise other)
    {
        _moments.Merge(other._moments);
        for (var i = 0; i < _mriSum.Length; i++) _mriSum[i] += other._mriSum[i];
    }

    public FaVoxelwiseMaps Maps(ReadOnlySpan<int> atlas)
    {
        if (atlas.Length != _mriSum.Length) throw new InvalidInputException($"FA: the atlas has {atlas.Length} voxels; the maps have {_mriSum.Length}.");
        var n = _moments.Subjects;
        var mean = new double[_mriSum.Length];
        var mask = new bool[_mriSum.Length];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = n > 0 ? _mriSum[i] / n : double.NaN;
            mask[i] = atlas[i] != 0 && mean[i] != 0;
        }
        var maps = VoxelwiseCorrelation.Maps(_moments, mask);
        for (var i = 0; i < mask.Length; i++)
            if (!mask[i]) maps.R[i] = maps.P[i] = maps.Cosine[i] = 0;
        return new FaVoxelwiseMaps(maps.R, maps.P, maps.Cosine, mean, mask, n, maps.TestedVoxels);
    }

    /// <summary>
    /// Writes the original's files: <c>R_pearson_FA-{seq}-relevance.nii</c>, <c>p_pearson_...</c>, <c>cosine-sim_...</c>
    /// and <c>mean_{seq}.nii</c> (float32, on <paramref name="template"/>'s grid).
    /// </summary>
    public static IReadOnlyList<string> Write(FaVoxelwiseMaps maps, Volume template, RelevanceSequence sequence, ResultsLayout layout)
    {
        var seq = sequence.Name();
        var files = new (string Name, double[] Data)[]
        {
            ($"R_pearson_FA-{seq}-relevance.nii", maps.R),
            ($"p_pearson_FA-{seq}-relevance.nii", maps.P),
            ($"cosine-sim_FA-{seq}-relevance.nii", maps.Cosine),
            ($"mean_{seq}.nii", maps.MeanImage),
        };
        var paths = new List<string>(files.Length);
        foreach (var (name, data) in files)
        {
            var path = ResultsLayout.In(layout.StatsMaps, name);
            VoxelwiseMapFiles.WriteFloat32(template, data, path);
            paths.Add(path);
        }
        return paths;
    }
}

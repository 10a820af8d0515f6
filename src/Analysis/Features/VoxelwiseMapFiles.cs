using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Features;

/// <summary>The NIfTI maps written by <see cref="VoxelwiseMapFiles.AcrossSubjects"/>.</summary>
public sealed record VoxelwiseMapPaths(string R, string Cosine, string NegLog10PBonferroni, int Subjects, int TestedVoxels);

/// <summary>
/// Voxel-wise correlation maps from image files: per-subject relevance maps against another per-subject map
/// (e.g. FA) on the same grid, written as float32 NIfTI (<c>&lt;prefix&gt;_r.nii.gz</c>, <c>_cosine</c>,
/// <c>_neglog10p_bonferroni</c>) with the first relevance map's grid.
/// </summary>
public static class VoxelwiseMapFiles
{
    public static VoxelwiseMapPaths AcrossSubjects(IReadOnlyList<string> relevancePaths, IReadOnlyList<string> otherPaths, string? maskPath, string outputPrefix)
    {
        if (relevancePaths.Count != otherPaths.Count)
            throw new InvalidInputException($"{relevancePaths.Count} relevance maps but {otherPaths.Count} other maps; they pair up by subject.");
        if (relevancePaths.Count < 3) throw new InvalidInputException($"Voxel-wise correlation needs at least 3 subjects; got {relevancePaths.Count}.");
        using var template = FeatureFiles.ReadRelevance(relevancePaths[0]);
        // One subject at a time into running moments: memory stays at a few maps whatever the cohort's size.
        var moments = new VoxelwiseMoments(template.SpatialCount);
        for (var s = 0; s < relevancePaths.Count; s++)
        {
            using var a = FeatureFiles.ReadRelevance(relevancePaths[s]);
            using var b = FeatureFiles.ReadRelevance(otherPaths[s]);
            FeatureFiles.RequireSameGrid(template, relevancePaths[0], a, relevancePaths[s]);
            FeatureFiles.RequireSameGrid(template, relevancePaths[0], b, otherPaths[s]);
            moments.Add(a.Memory, b.Memory);
        }
        bool[]? mask = null;
        if (maskPath is not null)
        {
            using var m = VolumeFile.Read(maskPath);
            FeatureFiles.RequireSameGrid(template, relevancePaths[0], m, maskPath);
            mask = LesionMask.FromNonZero(m.Data);
        }
        var maps = VoxelwiseCorrelation.Maps(moments, mask);
        var paths = new VoxelwiseMapPaths($"{outputPrefix}_r.nii.gz", $"{outputPrefix}_cosine.nii.gz",
            $"{outputPrefix}_neglog10p_bonferroni.nii.gz", maps.Subjects, maps.TestedVoxels);
        WriteFloat32(template, maps.R, paths.R);
        WriteFloat32(template, maps.Cosine, paths.Cosine);
        WriteFloat32(template, maps.NegLog10PBonferroni(), paths.NegLog10PBonferroni);
        return paths;
    }

    /// <summary>Pearson r and cosine similarity of two maps of one subject over a mask (non-zero voxels of <paramref name="maskPath"/>).</summary>
    public static MapSimilarity WithinSubject(string relevancePath, string otherPath, string maskPath)
    {
        using var relevance = FeatureFiles.ReadRelevance(relevancePath);
        using var other = FeatureFiles.ReadRelevance(otherPath);
        using var mask = VolumeFile.Read(maskPath);
        FeatureFiles.RequireSameGrid(relevance, relevancePath, other, otherPath);
        FeatureFiles.RequireSameGrid(relevance, relevancePath, mask, maskPath);
        return VoxelwiseCorrelation.WithinSubject(relevance.Data, other.Data, LesionMask.FromNonZero(mask.Data));
    }

    /// <summary>Writes a per-voxel map on <paramref name="template"/>'s grid as float32 NIfTI (atomically, as every volume write).</summary>
    public static void WriteFloat32(Volume template, ReadOnlySpan<double> data, string path)
    {
        using var map = template.CreateLike(VoxelType.Float32, frames: 1);
        var target = map.Data;
        for (var i = 0; i < data.Length; i++) target[i] = (float)data[i];
        VolumeFile.Write(map, path, VoxelType.Float32);
    }
}

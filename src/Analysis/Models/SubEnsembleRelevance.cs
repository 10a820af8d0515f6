using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// A sub-ensemble's relevance: the mean of its base models' relevance maps (each in the model's input grid, x
/// fastest), put back into the subject's native grid through the preprocessing record.
/// </summary>
public static class SubEnsembleRelevance
{
    public static Volume MeanInNativeGrid(IReadOnlyList<float[]> baseModelMaps, BrainAgeRun run)
    {
        if (baseModelMaps.Count == 0) throw new ArgumentException("no relevance maps", nameof(baseModelMaps));
        var input = run.Input;
        var mean = new float[input.SpatialCount];
        foreach (var map in baseModelMaps)
        {
            if (map.Length != mean.Length)
                throw new ArgumentException($"a relevance map has {map.Length} values; the model grid {input.Shape3} has {mean.Length}", nameof(baseModelMaps));
            for (var i = 0; i < mean.Length; i++) mean[i] += map[i];
        }
        var n = (float)baseModelMaps.Count;
        for (var i = 0; i < mean.Length; i++) mean[i] /= n;
        using var box = Volume.FromData(mean, [input.Nx, input.Ny, input.Nz], input.Affine);
        return run.Record.ToNative(box);
    }
}

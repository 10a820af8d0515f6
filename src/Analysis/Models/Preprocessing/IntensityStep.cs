using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models.Preprocessing;

/// <summary>
/// The recipe's intensity step on the cropped box, in place (<see cref="IntensityNormalisation"/>; README's
/// "Preprocessing recipes" gives each kind's numpy expression). Kinds that clip cap values above
/// <c>clip_percentile</c> of the clip scope's voxels first.
/// </summary>
public static class IntensityStep
{
    /// <summary>
    /// Normalises <paramref name="box"/> in place. <see cref="IntensityNormalisation.Raw"/> leaves the values: each
    /// base model casts them to its input type (<see cref="BaseModel"/>).
    /// </summary>
    public static void Apply(Volume box, PreprocessingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(recipe);
        if (Normalisations.Clips(recipe.Normalisation) && recipe.ClipPercentile is { } p)
            Normalisation.ClipAtPercentile(box, p, recipe.ClipScope);
        var data = box.Data;
        switch (recipe.Normalisation)
        {
            case IntensityNormalisation.Unit:
                Normalisation.MinMaxScale(box);
                break;
            case IntensityNormalisation.UnitInverted:
                // Input×weight relevance rules give a voxel relevance in proportion to its input value; with the
                // contrast inverted, CSF (what replaces tissue as a brain ages) is no longer mapped to zero.
                Normalisation.MinMaxScale(box, 1, 0);
                break;
            case IntensityNormalisation.UInt8:
                Normalisation.ToUInt8(box);
                break;
            case IntensityNormalisation.None:
            case IntensityNormalisation.Raw:
                break;
            case IntensityNormalisation.Scale:
                for (var i = 0; i < data.Length; i++) data[i] = (float)(data[i] / recipe.ScaleDivisor);
                box.DataType = VoxelType.Float32;
                break;
            case IntensityNormalisation.Capped:
                Capped(data, recipe.IntensityMax ?? throw new InvalidInputException("normalisation = \"capped\" needs intensity_max"));
                box.DataType = VoxelType.Float32;
                break;
            case IntensityNormalisation.ZScore:
            {
                var (mean, sd) = MeanSd(data, recipe.ClipScope);
                if (!(sd > 0)) throw new InvalidInputException($"normalisation = \"zscore\": the {ScopeName(recipe.ClipScope)} voxels have standard deviation {sd}; expected a non-constant image");
                for (var i = 0; i < data.Length; i++) data[i] = (float)((data[i] - mean) / sd);
                box.DataType = VoxelType.Float32;
                break;
            }
            case IntensityNormalisation.Mean:
            {
                var (mean, _) = MeanSd(data, recipe.ClipScope);
                if (!(mean != 0) || !double.IsFinite(mean)) throw new InvalidInputException($"normalisation = \"mean\": the {ScopeName(recipe.ClipScope)} voxels have mean {mean}; expected a non-zero mean");
                for (var i = 0; i < data.Length; i++) data[i] = (float)(data[i] / mean);
                box.DataType = VoxelType.Float32;
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Normalisation, "not an intensity normalisation");
        }
    }

    /// <summary>
    /// The original pipeline's storage and input: <c>np.round(255 * (np.minimum(x, M) - x.min()) / (M - x.min()))</c>
    /// as uint8, then ÷ 255.
    /// </summary>
    private static void Capped(Span<float> data, double cap)
    {
        double min = double.PositiveInfinity;
        foreach (var v in data) if (v < min) min = v;
        if (!(cap > min)) throw new InvalidInputException($"normalisation = \"capped\": intensity_max = {cap} is not above the image's minimum {min}");
        for (var i = 0; i < data.Length; i++)
        {
            var scaled = 255.0 * ((Math.Min(data[i], cap) - min) / (cap - min));
            data[i] = (float)(Math.Round(scaled, MidpointRounding.ToEven) / 255.0);
        }
    }

    /// <summary>Mean and population sd (numpy's default ddof = 0) over all or the non-zero voxels, float64.</summary>
    private static (double Mean, double Sd) MeanSd(ReadOnlySpan<float> data, PercentileScope scope)
    {
        double sum = 0;
        long n = 0;
        foreach (var v in data)
            if (scope == PercentileScope.All || v != 0) { sum += v; n++; }
        if (n == 0) return (double.NaN, double.NaN);
        var mean = sum / n;
        double squares = 0;
        foreach (var v in data)
            if (scope == PercentileScope.All || v != 0) squares += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(squares / n));
    }

    private static string ScopeName(PercentileScope scope) => scope == PercentileScope.NonZero ? "non-zero (clip_scope = \"brain\")" : "box's";
}

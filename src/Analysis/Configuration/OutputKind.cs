namespace RelevanceRelated.Analysis.Configuration;

/// <summary>From a base model's raw output to an age in years (key <c>output</c>), applied to every base model before the head.</summary>
public enum OutputKind
{
    /// <summary>The single output is the age.</summary>
    Identity,

    /// <summary>A target in [−1, 1] over <c>age_range</c>: age = min + (y + 1)/2 · (max − min).</summary>
    Scaled,

    /// <summary>One logit (or log-probability) per age bin: the expected value of the softmax over <c>bin_centres</c> (SFCN).</summary>
    SoftBins,

    /// <summary>age = <c>output_scale</c> · y + <c>output_offset</c> (e.g. a model trained on age − 22).</summary>
    Affine,
}

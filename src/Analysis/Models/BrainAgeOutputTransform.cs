using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// From a base model's raw output to an age in years, per the entry's <c>output</c> (<see cref="OutputKind"/>):
/// <c>identity</c> (one value); <c>scaled</c> (a target in [−1, 1] over <c>age_range</c>: age = min + (y + 1)/2 ·
/// (max − min)); <c>soft_bins</c> (one score per age bin, as SFCN: the expected bin centre under the softmax of
/// logits or log-probabilities, or under the probabilities themselves when the graph ends in a Softmax);
/// <c>affine</c> (age = output_scale · y + output_offset). Applied to every base model, before the head.
/// </summary>
public static class BrainAgeOutputTransform
{
    /// <param name="output">The model's raw output.</param>
    /// <param name="model">The sub-ensemble's entry.</param>
    /// <param name="file">The base model's file (named in errors).</param>
    /// <param name="probabilities">Whether the outputs are already probabilities (the graph ends in a Softmax).</param>
    public static double ToAge(ReadOnlySpan<float> output, ModelConfig model, string file, bool probabilities = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var transform = model.Output;
        switch (transform.Kind)
        {
            case OutputKind.Identity:
            case OutputKind.Scaled:
            case OutputKind.Affine:
                if (output.Length != 1)
                    throw new InvalidInputException(
                        $"{model.Entry}: {Path.GetFileName(file)} gives {output.Length} outputs; output = \"{ModelOptionNames.Output.NameOf(transform.Kind)}\" expects one");
                double y = output[0];
                if (transform.Kind == OutputKind.Identity) return y;
                if (transform.Kind == OutputKind.Affine) return transform.Scale * y + transform.Offset;
                var range = transform.AgeRange ?? throw new InvalidInputException($"{model.Entry}: output = \"scaled\" needs age_range");
                return range[0] + (y + 1) / 2.0 * (range[1] - range[0]);
            case OutputKind.SoftBins:
                var centres = transform.BinCentres ?? throw new InvalidInputException($"{model.Entry}: output = \"soft_bins\" needs bin_centres");
                if (output.Length != centres.Count)
                    throw new InvalidInputException($"{model.Entry}: {Path.GetFileName(file)} gives {output.Length} outputs; bin_centres has {centres.Count}");
                return probabilities ? ExpectedValue(output, centres) : SoftmaxExpectedValue(output, centres);
            default:
                throw new ArgumentOutOfRangeException(nameof(model), transform.Kind, "not an output transform");
        }
    }

    private static double SoftmaxExpectedValue(ReadOnlySpan<float> scores, IReadOnlyList<double> centres)
    {
        double max = double.NegativeInfinity, sum = 0, expected = 0;
        foreach (var v in scores) max = Math.Max(max, v);
        for (var i = 0; i < scores.Length; i++)
        {
            var e = Math.Exp(scores[i] - max);
            sum += e;
            expected += e * centres[i];
        }
        return expected / sum;
    }

    private static double ExpectedValue(ReadOnlySpan<float> probabilities, IReadOnlyList<double> centres)
    {
        double expected = 0;
        for (var i = 0; i < probabilities.Length; i++) expected += probabilities[i] * centres[i];
        return expected;
    }
}

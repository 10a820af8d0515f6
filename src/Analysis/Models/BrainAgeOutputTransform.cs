using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// From a base model's raw output to an age in years, per the entry's <c>output</c>: <c>identity</c> (one value);
/// <c>scaled</c> (a target in [−1, 1] over <c>age_range</c>: age = min + (y + 1)/2 · (max − min)); <c>soft_bins</c>
/// (one logit per age bin, as SFCN: the expected value of the softmax over <c>bin_centres</c>).
/// </summary>
public static class BrainAgeOutputTransform
{
    public static double ToAge(ReadOnlySpan<float> output, ModelConfig model, string file)
    {
        var entry = $"models.{model.Name}";
        switch (model.Output)
        {
            case "identity":
            case "scaled":
                if (output.Length != 1)
                    throw new InvalidInputException($"{entry}: {Path.GetFileName(file)} gives {output.Length} outputs; output = \"{model.Output}\" expects one");
                if (model.Output == "identity") return output[0];
                var range = model.AgeRange ?? throw new InvalidInputException($"{entry}: output = \"scaled\" needs age_range");
                return range[0] + (output[0] + 1) / 2.0 * (range[1] - range[0]);
            case "soft_bins":
                var centres = model.BinCentres ?? throw new InvalidInputException($"{entry}: output = \"soft_bins\" needs bin_centres");
                if (output.Length != centres.Count)
                    throw new InvalidInputException($"{entry}: {Path.GetFileName(file)} gives {output.Length} outputs; bin_centres has {centres.Count}");
                double max = double.NegativeInfinity, sum = 0, expected = 0;
                foreach (var v in output) max = Math.Max(max, v);
                for (var i = 0; i < output.Length; i++)
                {
                    var e = Math.Exp(output[i] - max);
                    sum += e;
                    expected += e * centres[i];
                }
                return expected / sum;
            default:
                throw new InvalidInputException($"{entry}.output: \"{model.Output}\"; expected \"identity\", \"scaled\" or \"soft_bins\"");
        }
    }
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// From a PVS probability (or vesselness) map to masks: threshold (≥ or &gt;), restrict to a dilated basal-ganglia
/// mask when one is given, drop clusters smaller than the cluster size under the chosen connectivity, then
/// dilate or keep only the dilation's border for the output.
/// </summary>
public static class PvsPostProcessing
{
    public static PvsMasks Apply(Volume probability, PvsPostProcessingOptions options, Volume? basalGanglia = null)
    {
        options.Validate();
        var shape = probability.Shape3;
        var p = probability.Frame(0);
        var mask = new byte[p.Length];
        var t = (float)options.Threshold;
        if (options.Comparison == ThresholdComparison.Greater)
            for (var i = 0; i < p.Length; i++) mask[i] = p[i] > t ? (byte)1 : (byte)0;
        else
            for (var i = 0; i < p.Length; i++) mask[i] = p[i] >= t ? (byte)1 : (byte)0;

        if (basalGanglia is not null)
        {
            if (basalGanglia.Shape3 != shape)
                throw new InvalidInputException(
                    $"pvs: the basal-ganglia mask's grid {basalGanglia.Shape3} differs from the probability map's {shape}; resample it first");
            var region = Morphology.Dilate(BinaryMask.NonZero(basalGanglia.Frame(0)), shape, options.BasalGangliaDilateMaskBy);
            for (var i = 0; i < mask.Length; i++) mask[i] &= region[i];
        }

        var clusters = options.ClusterSize > 1
            ? ConnectedComponents.RemoveSmall(mask, shape, options.ClusterSize, options.Connectivity)
            : mask;
        var output = options.BorderOnly ? Morphology.Border(clusters, shape, options.DilateBy)
            : options.DilateBy > 0 ? Morphology.Dilate(clusters, shape, options.DilateBy)
            : clusters;
        return new PvsMasks(clusters, output, shape);
    }
}

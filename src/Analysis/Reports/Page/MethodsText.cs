using System.Globalization;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Reports.Page;

/// <summary>
/// A methods section written from the configuration that produced the results, in the manner of fMRIPrep's boilerplate:
/// software and cohort, each model's preprocessing and head, the LRP composite with its rules and parameters, PVS and
/// lesion masks with their thresholds, and the statistics with their corrections, citing the works they follow.
/// Meant to be pasted into a paper and edited; every number comes from the configuration, none is typed here.
/// </summary>
public static class MethodsText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <returns>Paragraphs of plain text with citation numbers, and the references they cite in that order.</returns>
    public static (IReadOnlyList<string> Paragraphs, IReadOnlyList<Citation> References) Write(CohortReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = input.Configuration;
        var cite = new CitationList();
        var paragraphs = new List<string>
        {
            $"Results were computed with {SoftwareVersion.Product} {input.Software}, a .NET re-implementation of the pipeline of Hofmann, Goltermann et al. {cite.Cite(Citations.RelevanceRelated)}, " +
            $"for {input.Subjects.Count} subjects of cohort \"{input.Cohort}\" under its configuration version {c.Version} (fingerprint {c.Fingerprint}" +
            (c.Parameters.Count > 0 ? "; cohort parameters " + string.Join(", ", c.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value}")) : "") + ").",
        };
        foreach (var model in c.Models)
            paragraphs.Add($"Brain age was predicted by the sub-ensemble {model.Name} {cite.Cite(Citations.MriNet)}: {model.Files.Count} convolutional base model{(model.Files.Count == 1 ? "" : "s")} " +
                $"(ONNX) reading the {model.Sequence.ToUpperInvariant()} image. Each image was {DescribeRecipe(model.Recipe)}. {Output(model.Output)}{Head(model.Head)} " +
                "The brain-age gap (DBA) is the prediction minus the chronological age.");
        foreach (var name in c.UndescribedModels)
            paragraphs.Add($"Brain age was also predicted by the sub-ensemble {name}, which the configuration this report was exported with does not describe; " +
                "export with the configuration the cohort ran with to describe its recipe here.");
        paragraphs.Add(Relevance(c.Rule, cite));
        paragraphs.Add(Pvs(c, cite));
        paragraphs.Add($"White-matter lesion masks are the voxels of the lesion probability map above {N(c.Params.Wml.Threshold)}; subjects with more than " +
            $"{c.Params.Wml.MinVoxels} lesion voxels enter the lesion statistics, as pvs_stats.R does.");
        paragraphs.Add("Accuracy is the mean absolute error of the ensemble's prediction and Pearson's r between predicted and chronological age " +
            "(cor.test, 95 % confidence interval by Fisher's z). Relevance in PVS compares, across subjects with a paired t-test, the net relevance inside the PVS mask " +
            "as a share of the map's positive relevance (p_pvs_voxel) with the share PVS voxels would hold at the map's mean positive relevance (p_voxel). " +
            $"Regional relevance is summed over each region of FreeSurfer's aparc+aseg (Desikan–Killiany cortex and aseg structures {cite.Cite(Citations.Desikan)}) and " +
            "correlated with chronological age across subjects (Pearson); p-values are corrected over the tested regions by Bonferroni and by " +
            $"Benjamini–Hochberg {cite.Cite(Citations.BenjaminiHochberg)}; a region counts as significant when its Bonferroni-corrected p is below α = {N(c.Params.Alpha)}. " +
            "Every statistic matches R 4.2's cor.test, t.test and p.adjust to at least nine digits (the project's reference tests). " +
            "Relevance per voxel inside PVS and lesions against the whole map follows pvs_stats.R (log(a + 2), summarySE with 95 % t intervals). " +
            "Heatmaps follow xai4mri: relevance clipped symmetrically at the 0.01 % tails, coloured black-fire-red, blended over the T1 with opacity |R|^0.2.");
        return (paragraphs, cite.Cited);
    }

    /// <summary>A recipe as a phrase: "reoriented to LIA, resampled to 1 mm voxels (trilinear), ... and min–max scaled to [0, 1]".</summary>
    public static string DescribeRecipe(PreprocessingRecipe r)
    {
        var steps = new List<string>
        {
            r.Orientation is null ? "kept in its stored orientation" : $"reoriented to {r.Orientation}",
            r.Resample switch
            {
                ResampleMode.VoxelSize => $"resampled to {N(r.VoxelSize ?? double.NaN)} mm voxels ({Interpolation(r.Interpolation)})",
                ResampleMode.Zoom => $"zoomed by {string.Join(" × ", (r.Zoom ?? []).Select(N))} ({Interpolation(r.Interpolation)})",
                _ => "not resampled",
            },
        };
        if (r.NormaliseBeforeCrop) steps.Add(Normalisation(r));
        var box = string.Join(" × ", r.Box);
        steps.Add(r.Crop switch
        {
            CropCentre.BrainBoundingBox => $"cropped or padded to {box} voxels centred on the bounding box of the brain (xai4mri's prune_mri)",
            CropCentre.VolumeCentre => $"cropped or padded to {box} voxels about the volume's centre",
            CropCentre.SliceSums => $"cropped or padded to {box} voxels about the slices whose intensity sum exceeds {N(r.CropThreshold)}",
            _ => $"cropped or padded to {box} voxels about the intensity centre of mass",
        });
        if (r.BrainMask == BrainMaskKind.Intensity) steps.Add("set to zero outside an intensity-based brain mask");
        if (!r.NormaliseBeforeCrop) steps.Add(Normalisation(r));
        return string.Join(", ", steps[..^1]) + " and " + steps[^1];
    }

    private static string Normalisation(PreprocessingRecipe r)
    {
        var clip = r.ClipPercentile is { } p
            ? $" after capping at the {N(p)}th percentile of its {(r.ClipScope == PercentileScope.NonZero ? "non-zero" : "")} voxels".Replace("  ", " ", StringComparison.Ordinal)
            : "";
        return r.Normalisation switch
        {
            IntensityNormalisation.Unit => $"min–max scaled to [0, 1]{clip}",
            IntensityNormalisation.UnitInverted => $"min–max scaled to [1, 0] (dark voxels large){clip}",
            IntensityNormalisation.UInt8 => "stretched to 0–255 and rounded",
            IntensityNormalisation.None => "left unscaled",
            IntensityNormalisation.Raw => "kept as raw intensities",
            IntensityNormalisation.Scale => $"divided by {N(r.ScaleDivisor)}",
            IntensityNormalisation.Capped => $"capped at {N(r.IntensityMax ?? double.NaN)} and scaled to [0, 1] in 8-bit steps",
            IntensityNormalisation.ZScore => $"z-scored{clip}",
            _ => "divided by its mean",
        };
    }

    private static string Interpolation(InterpolationOrder order) => order switch
    {
        InterpolationOrder.Nearest => "nearest neighbour",
        InterpolationOrder.Linear => "trilinear",
        _ => "cubic B-spline",
    };

    private static string Output(ModelOutput output) => output.Kind switch
    {
        OutputKind.Scaled => $"Each base model's output in [−1, 1] was mapped to ages {N(output.AgeRange?[0] ?? double.NaN)}–{N(output.AgeRange?[1] ?? double.NaN)} years. ",
        OutputKind.SoftBins => "Each base model's age-bin probabilities were turned into their expected age. ",
        OutputKind.Affine => $"Each base model's output was scaled by {N(output.Scale)} and offset by {N(output.Offset)} years. ",
        _ => "",
    };

    private static string Head(ModelHead head) => head.Kind == HeadKind.Mean
        ? "The base models' ages were averaged."
        : $"The base models' ages were combined by a linear head (intercept {N(head.Intercept)}, weights {string.Join(", ", (head.Weights ?? []).Select(N))}).";

    private static string Relevance(Composite composite, CitationList cite)
    {
        // Cited in the order the sentence reads, so the numbers rise through the text.
        var lrp = cite.Cite(Citations.Lrp, Citations.LrpOverview);
        var source = composite.Name.StartsWith("lrp.", StringComparison.Ordinal)
            ? $"iNNvestigate's analyzer {composite.Name} {cite.Cite(Citations.Innvestigate)}"
            : $"zennit's composite {composite.Name} {cite.Cite(Citations.Zennit)}";
        var presets = composite.Name.StartsWith("lrp.sequential_preset", StringComparison.Ordinal) ? $" (the presets of Kohlbrenner et al. {cite.Cite(Citations.Presets)})" : "";
        var first = composite.First is { } f ? $", the first layer {Rule(f)}" : "";
        return $"Relevance maps were computed with layer-wise relevance propagation (LRP) {lrp} as {source}{presets}: " +
            $"convolutional layers {Rule(composite.Convolution)}, dense layers {Rule(composite.Dense)}{first}; pooling layers pass relevance by the z rule. " +
            "Each base model's relevance for its own prediction, on the model's input grid, was brought back to the subject's native grid by inverting its " +
            "preprocessing, and the sub-ensemble's map is the mean of its base models' maps.";
    }

    private static string Rule(LrpRule rule)
    {
        var text = rule switch
        {
            EpsilonRule e => $"the ε rule (ε = {N(e.Epsilon)})",
            AlphaBetaRule ab => $"the α{N(ab.Alpha)}β{N(ab.Beta)} rule",
            ZeroRule => "LRP-0 (the z rule)",
            ZPlusRule => "the z⁺ rule",
            GammaRule g => $"the γ rule (γ = {N(g.Gamma)})",
            FlatRule => "the flat rule",
            WSquareRule => "the w² rule",
            ZBoxRule => "the z^B rule (bounded input)",
            _ => rule.Name,
        };
        return rule.Name.Contains(",ignore-bias", StringComparison.Ordinal) ? text + " without biases" : text;
    }

    private static string Pvs(ReportConfiguration c, CitationList cite)
    {
        var p = c.Params.Pvs;
        if (c.PvsModel is null && c.PvsMethod != ReportConfiguration.Frangi)
            return $"Perivascular spaces were segmented with the model {c.PvsMethod}, which the configuration this report was exported with does not describe.";
        var method = c.PvsModel is { } m
            ? $"the U-Net ensemble {m.Name} under the SHIVA contract {cite.Cite(Citations.Shiva)} ({m.Files.Count} fold{(m.Files.Count == 1 ? "" : "s")} averaged, " +
              $"input {string.Join(" + ", m.Channels.Select(ch => ch.ToUpperInvariant()))} in RAS at 1 mm cropped to {string.Join(" × ", m.Box)} voxels, " +
              $"intensities capped at the {N(m.ClipPercentile)}th percentile and scaled to [0, 1]), its probability thresholded at {p.ThresholdComparison} {N(p.Threshold)}"
            : $"the Frangi vesselness filter {cite.Cite(Citations.Frangi)} on the T1 (dark tubes, σ = 0.5, 1 and 1.5 mm, α = β = 0.5) inside its non-zero voxels eroded by 3 voxels, " +
              $"thresholded at {p.ThresholdComparison} {N(p.FrangiThreshold)}";
        return $"Perivascular spaces were segmented with {method}. Clusters of fewer than {p.ClusterSize} voxels ({p.Connectivity}-connected) were removed and the " +
            $"remaining clusters counted; the mask relevance is measured in was dilated {p.DilateBy} time{(p.DilateBy == 1 ? "" : "s")} with the 6-connected cross.";
    }

    private static string N(double value) => double.IsFinite(value) ? value.ToString("G6", Invariant) : "NA";

    private static string N(float value) => N((double)value);
}

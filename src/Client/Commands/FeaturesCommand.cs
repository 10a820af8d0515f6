using System.CommandLine;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Analyses.Subcortical;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Atlases;
using RelevanceRelated.Analysis.Statistics;
using static RelevanceRelated.Analysis.Statistics.CsvTableWriter;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>features</c>: relate one subject's relevance map to brain features: per-label relevance over a label volume or
/// a configured atlas (brought onto the map's grid, through the subject's transforms for a template atlas), optionally
/// the PVS/lesion mask metrics, and the original's joined cortical/subcortical tables from a FreeSurfer subject
/// directory (one subject's rows of merged_cs_{dktbase,dkt,destrieux}.csv and merged_subcort_aseg.csv).
/// </summary>
public static class FeaturesCommand
{
    public static Command Create()
    {
        var relevance = new Option<string>("--relevance") { Description = "Relevance map (NIfTI or MGH/MGZ).", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Label volume on the relevance grid (aparc+aseg.mgz, aseg.mgz, an atlas); or use --atlas." };
        var atlas = new Option<string?>("--atlas") { Description = "An [atlases.NAME] of the configuration instead of --labels: brought onto the relevance grid (label-aware for labels; thresholded and dilated for probabilities) and named by its label table." };
        var atlasTransforms = new Option<string[]>("--atlas-transform") { Description = "For a template-space atlas: the transforms that bring it onto this subject, in antsApplyTransforms order (e.g. --atlas-transform [0GenericAffine.mat,1] --atlas-transform 1InverseWarp.nii.gz, or fMRIPrep's from-TEMPLATE_to-T1w_mode-image_xfm.h5); repeatable." };
        var mask = new Option<string?>("--mask") { Description = "Feature mask on the relevance grid: a PVS mask (non-zero inside) or a lesion probability map." };
        var feature = new Option<string?>("--feature") { Description = "pvs or wml (with --mask); wml keeps the map's voxels above [params.wml].threshold." };
        var wmlThreshold = new Option<double?>("--wml-threshold") { Description = "Lesion probability threshold (default: [params.wml].threshold from the configuration)." };
        var subject = new Option<string>("--subject") { Description = "Subject identifier written in the tables.", DefaultValueFactory = _ => "subject" };
        var age = new Option<double?>("--age") { Description = "Chronological age, copied into the tables." };
        var brainAge = new Option<double?>("--brain-age") { Description = "Predicted brain age, copied into the tables." };
        var freesurfer = new Option<string?>("--freesurfer") { Description = "FreeSurfer subject directory: also write merged_cs_dktbase.csv and merged_cs_dkt.csv (relevance over --labels, i.e. aparc+aseg, as the original), merged_cs_destrieux.csv (over mri/aparc.a2009s+aseg.mgz) for the atlases whose stats exist, and merged_subcort_aseg.csv, beside --out." };
        var rois = new Option<string?>("--rois") { Description = "Subcortical structures, comma-separated (default: [params.subcortical].rois from the configuration)." };
        var resample = new Option<bool>("--resample-labels") { Description = "Resample a label volume on another grid (an atlas) nearest-neighbour onto the relevance grid." };
        var output = new Option<string>("--out") { Description = "Per-label relevance table (CSV, written atomically).", Required = true };
        var command = new Command("features", "Per-label relevance (sum, mean, min, max, n_voxels) and mask metrics of one subject's relevance map.");
        foreach (var o in new Option[] { relevance, labels, atlas, atlasTransforms, resample, mask, feature, wmlThreshold, subject, age, brainAge, freesurfer, rois, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var relevancePath = parse.GetValue(relevance)!;
            var outPath = parse.GetValue(output)!;
            var id = parse.GetValue(subject)!;
            var subjectAge = parse.GetValue(age) ?? double.NaN;
            var subjectBrainAge = parse.GetValue(brainAge) ?? double.NaN;
            var maskPath = parse.GetValue(mask);
            var featureName = parse.GetValue(feature);
            if ((maskPath is null) != (featureName is null))
                throw new InvalidInputException("--mask and --feature go together: give both (e.g. --mask pvs.nii.gz --feature pvs) or neither.");
            var maskFeature = featureName is null ? (MaskFeature?)null : MaskFeatures.Parse(featureName);

            var labelsPath = parse.GetValue(labels);
            var atlasName = parse.GetValue(atlas);
            if ((labelsPath is null) == (atlasName is null))
                throw new InvalidInputException("give exactly one of --labels (a label volume) and --atlas (an [atlases.NAME] of the configuration)");

            // The same step as the features stage, on files: mask metrics and relevance per label.
            using var relevanceMap = FeatureFiles.ReadRelevance(relevancePath);
            using var atlasOnGrid = atlasName is null ? null : AtlasOntoRelevance(parse, atlasName, relevanceMap, writer);
            using var labelFile = labelsPath is null ? null : VolumeFile.Read(labelsPath);
            var labelVolume = atlasOnGrid?.Labels ?? labelFile!;
            using var maskVolume = maskPath is null ? null : VolumeFile.Read(maskPath);
            var wml = ConfigOptions.Load(parse).Config.Params.Wml;
            if (parse.GetValue(wmlThreshold) is { } t) wml = wml with { Threshold = t };
            var found = RelevanceFeatures.Compute(relevanceMap, relevancePath, new RelevanceFeatures.Inputs(
                PvsMask: maskFeature == MaskFeature.Pvs ? maskVolume : null,
                LesionProbability: maskFeature == MaskFeature.Wml ? maskVolume : null,
                Labels: labelVolume, Atlas: atlasName ?? Path.GetFileName(labelsPath!), LabelNames: atlasOnGrid?.Names,
                ResampleLabels: parse.GetValue(resample),
                Age: subjectAge, BrainAge: subjectBrainAge), wml);
            var regions = found.Regions!.Regions;
            Write(outPath, ["subject", .. RegionRelevance.ColumnNames], regions.Select(r => (IReadOnlyList<string>)
            [
                id, r.Label.ToString(), r.Name, Format(r.SumRelevance), Format(r.MeanRelevance), Format(r.MinRelevance),
                Format(r.MaxRelevance), r.NVoxels.ToString(),
            ]));
            writer.WriteLine($"{regions.Count} labels → {outPath}");

            var folder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (found.Lesions is { Included: false } excluded)
                writer.WriteLine($"wml mask: left out of the lesion statistics, as the original's pvs_stats.R does: {excluded.Exclusion}");
            if (maskFeature is { } kind && (kind == MaskFeature.Pvs ? found.Pvs : found.Wml) is { } metrics)
            {
                var metricsPath = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(outPath)}_{kind.Name()}.csv");
                Write(metricsPath, ["subject", .. MaskMetrics.ColumnNames(kind)],
                    [[id, .. metrics.Values().Select(Format)]]);
                writer.WriteLine($"{kind.Name()} mask: {metrics.NFeatureVoxel} voxels → {metricsPath}");
            }

            if (parse.GetValue(freesurfer) is { } subjectDir)
            {
                var roiList = parse.GetValue(rois) is { } text
                    ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : ConfigOptions.Load(parse).Config.Params.SubcorticalRois;
                // The same step as the analyses stage; DK and DKT40 over --labels (aparc+aseg, as the original).
                var tables = FreeSurferTables.Compute(id, relevanceMap, subjectDir, roiList, subjectAge, subjectBrainAge, aparcAseg: regions);
                foreach (var (atlas, cortical) in tables.Cortical)
                {
                    var corticalPath = Path.Combine(folder, CorticalTable.FileName(atlas));
                    CorticalTable.Layout.Write(corticalPath, cortical);
                    writer.WriteLine($"{cortical.Count} cortical rows ({atlas.Name()}) → {corticalPath}");
                }
                foreach (var warning in tables.Warnings.Concat(tables.Subcortical?.Warnings ?? [])) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
                if (tables.Subcortical is { } subcortical)
                {
                    var subcorticalPath = Path.Combine(folder, SubcorticalTable.FileName);
                    SubcorticalTable.Layout.Write(subcorticalPath, subcortical.Rows);
                    writer.WriteLine($"{subcortical.Rows.Count} subcortical rows → {subcorticalPath}");
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The configured atlas on the relevance map's grid (through --atlas-transform for a template atlas).</summary>
    private static SubjectAtlas AtlasOntoRelevance(ParseResult parse, string name, Volume relevance, TextWriter writer)
    {
        var config = ConfigOptions.Load(parse).Config;
        if (!config.Atlases.TryGetValue(name, out var atlas))
            throw new InvalidInputException($"--atlas: '{name}' is not an [atlases.*] entry of the configuration; configured: {(config.Atlases.Count == 0 ? "none" : string.Join(", ", config.Atlases.Keys))}");
        var transforms = (parse.GetValue<string[]>("--atlas-transform") ?? []).Select(t => TransformReference.Parse(t, "--atlas-transform")).ToList();
        var onGrid = AtlasProjector.OntoSubject(atlas, ImageGrid.Of(relevance), transforms);
        writer.WriteLine($"atlas {name}: moved onto the relevance grid ({onGrid.Record.Interpolation}) through {onGrid.Record.Transforms.Count} transform file(s)");
        return onGrid;
    }
}

using System.CommandLine;
using System.Globalization;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>volume transform</c>: antsApplyTransforms on our side — move an image onto a reference grid through ANTs/ITK,
/// fMRIPrep or FSL transform files, with ANTs' order rules, interpolations and default value.
/// </summary>
public static class VolumeTransformCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Image to move (NIfTI or MGH/MGZ; every frame is moved)." };
        var reference = new Option<string>("--reference", "-r") { Description = "Image whose grid the output takes.", Required = true };
        var transforms = new Option<string[]>("--transform", "-t")
        {
            Description = "Transform file, repeatable, in antsApplyTransforms' order (the first listed is applied first to a reference point, e.g. -t 1Warp.nii.gz -t 0GenericAffine.mat); [FILE,1] uses its inverse. .mat (ITK/ANTs or FSL FLIRT), .txt, .h5, displacement field .nii.gz.",
            AllowMultipleArgumentsPerToken = false,
        };
        var invert = new Option<string[]>("--invert") { Description = "Use the inverse of the -t at this 1-based position (or with this file name); repeatable." };
        var interpolation = new Option<string>("--interpolation", "-n") { Description = $"One of {SpatialInterpolations.Names} (default linear).", DefaultValueFactory = _ => "linear" };
        var fill = new Option<string>("--default", "-f") { Description = "Value where the mapped point falls outside the input (default 0).", DefaultValueFactory = _ => "0" };
        var fslSource = new Option<string?>("--fsl-source") { Description = "For an FSL FLIRT matrix: the image it was computed from (flirt -in; default: IN)." };
        var fslReference = new Option<string?>("--fsl-reference") { Description = "For an FSL FLIRT matrix: its reference image (flirt -ref; default: --reference)." };
        var record = new Option<string?>("--record") { Description = "Also write the chain's record (files, SHA-256, inversion, interpolation) as JSON." };
        var output = new Option<string>("--out", "-o") { Description = "Output image (.nii, .nii.gz, .mgz, ...).", Required = true };
        var cmd = new Command("transform", "Move an image onto a reference grid through ANTs/ITK/fMRIPrep/FSL transforms, as antsApplyTransforms does.");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { reference, transforms, invert, interpolation, fill, fslSource, fslReference, record, output }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            if (VolumeFile.FormatForPath(outPath) is null)
                throw new InvalidInputException($"{outPath}: unknown image file extension; expected one of {VolumeFile.SupportedExtensions}");
            var mode = SpatialInterpolations.Parse(parse.GetValue(interpolation)!);
            var defaultText = parse.GetValue(fill)!;
            if (!float.TryParse(defaultText, NumberStyles.Float, CultureInfo.InvariantCulture, out var defaultValue))
                throw new InvalidInputException($"--default: '{defaultText}' is not a number");
            var listed = (parse.GetValue(transforms) ?? []).Select(t => TransformReference.Parse(t)).ToList();
            ApplyInversions(listed, parse.GetValue(invert) ?? []);

            using var moving = VolumeFile.Read(parse.GetValue(input)!);
            using var referenceVolume = VolumeFile.Read(parse.GetValue(reference)!);
            var grid = ImageGrid.Of(referenceVolume);
            var fsl = new FslMatrixImages(GridOf(parse.GetValue(fslSource), moving), GridOf(parse.GetValue(fslReference), referenceVolume));
            var chain = TransformChainLoader.Load(listed.Select(r => r with { Fsl = fsl }).ToList());
            using var moved = VolumeMover.Move(moving, grid, chain, mode, defaultValue);
            VolumeFile.Write(moved.Volume, outPath);
            if (parse.GetValue(record) is { } recordPath)
                AtomicFile.Write(recordPath, s => s.Write(System.Text.Encoding.UTF8.GetBytes(moved.Record.ToJson())));
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine($"wrote {outPath}: {string.Join("x", moved.Volume.Shape)} {mode.Name()} through {chain.Steps.Count} transform(s)");
            foreach (var r in moved.Record.Transforms)
                writer.WriteLine($"  {(r.Inverted ? "inverse of " : "")}{r.File} ({r.Format}: {string.Join(", ", r.Transforms)}) sha256 {r.Sha256[..12]}");
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>--invert names a -t by its 1-based position or by the file name given to it.</summary>
    private static void ApplyInversions(List<TransformReference> listed, IEnumerable<string> inversions)
    {
        foreach (var item in inversions)
        {
            var index = int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position) && position >= 1 && position <= listed.Count
                ? position - 1
                : listed.FindIndex(r => r.Path == item);
            if (index < 0)
                throw new InvalidInputException($"--invert: '{item}' is neither a position 1..{listed.Count} nor a file given to -t");
            listed[index] = listed[index] with { Invert = !listed[index].Invert };
        }
    }

    private static ImageGrid GridOf(string? path, Volume fallback)
    {
        if (path is null) return ImageGrid.Of(fallback);
        using var v = VolumeFile.Read(path);
        return ImageGrid.Of(v);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// The one entry point for transform files: the format is recognised from the name and, for <c>.mat</c>, the content
/// (ITK's binary MATLAB v4 or FSL's text matrix). Bad files raise <see cref="InvalidInputException"/> naming the file.
/// </summary>
public static class TransformFiles
{
    public const string SupportedExtensions = ".mat (ITK/ANTs or FSL FLIRT), .txt/.tfm (ITK), .h5/.hdf5 (ITK composite), .nii/.nii.gz (displacement field)";

    /// <param name="path">The transform file.</param>
    /// <param name="fsl">For an FSL matrix: the images it was computed between (required then).</param>
    public static TransformFileContent Read(string path, FslMatrixImages? fsl = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: transform file not found");
        var lower = path.ToLowerInvariant();
        if (lower.EndsWith(".nii") || lower.EndsWith(".nii.gz"))
        {
            var field = DisplacementFieldFile.Read(path);
            return new TransformFileContent(path, TransformFileFormat.DisplacementFieldNifti, Sha256(path), [field], ["DisplacementFieldTransform (NIfTI)"]);
        }
        if (lower.EndsWith(".h5") || lower.EndsWith(".hdf5"))
            return Content(path, TransformFileFormat.ItkHdf5, ItkHdf5File.Read(path), Sha256(path));
        var bytes = File.ReadAllBytes(path);
        var hash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        if (lower.EndsWith(".txt") || lower.EndsWith(".tfm"))
            return Content(path, TransformFileFormat.ItkText, ItkTextFile.Read(Encoding.UTF8.GetString(bytes), path), hash);
        if (lower.EndsWith(".mat"))
        {
            if (!FslMatrixFile.LooksLikeText(bytes))
                return Content(path, TransformFileFormat.ItkMatlab, ItkMatFile.Read(bytes, path), hash);
            var matrix = FslMatrixFile.ReadMatrix(Encoding.ASCII.GetString(bytes), path);
            if (fsl is null)
                throw new InvalidInputException($"{name}: an FSL FLIRT matrix is defined on the voxel grids of the images it was computed between; give its source and reference images");
            return new TransformFileContent(path, TransformFileFormat.FslFlirt, hash, [FslMatrixFile.ToTransform(matrix, fsl)], ["FSL FLIRT matrix"]);
        }
        throw new InvalidInputException($"{name}: unknown transform file extension; expected {SupportedExtensions}");
    }

    private static TransformFileContent Content(string path, TransformFileFormat format,
        IReadOnlyList<(ItkTransformName Name, SpatialTransform Transform)> items, string hash) =>
        new(path, format, hash, items.Select(i => i.Transform).ToList(), items.Select(i => i.Name.Text).ToList());

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}

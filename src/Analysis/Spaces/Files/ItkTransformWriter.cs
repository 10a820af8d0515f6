using System.Globalization;
using System.Text;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// Writes a linear transform as ITK writes an <c>AffineTransform_double_3_3</c> — binary <c>.mat</c> (what
/// antsRegistration writes as <c>*0GenericAffine.mat</c>) or text <c>.txt</c> — so that ANTs, ITK and our own readers
/// all apply it the same way. Written atomically.
/// </summary>
public static class ItkTransformWriter
{
    public const string TypeName = "AffineTransform_double_3_3";

    /// <param name="path">A .mat or .txt file name.</param>
    /// <param name="transform">The RAS map reference point → moving point.</param>
    /// <param name="centreRas">The transform's centre (ITK's fixed parameters); it does not change the map, only how
    /// the parameters split into matrix and translation.</param>
    public static void Write(string path, LinearTransform transform, (double X, double Y, double Z) centreRas = default)
    {
        var (cx, cy, cz) = ItkSpace.Flip(centreRas.X, centreRas.Y, centreRas.Z);
        double[] centre = [cx, cy, cz];
        var parameters = ItkSpace.ToItkAffineParameters(transform.Matrix, centre);
        var lower = path.ToLowerInvariant();
        if (lower.EndsWith(".mat"))
        {
            var bytes = MatlabV4File.Write([(TypeName, parameters), ("fixed", centre)]);
            AtomicFile.Write(path, s => s.Write(bytes));
        }
        else if (lower.EndsWith(".txt") || lower.EndsWith(".tfm"))
        {
            var text = new StringBuilder()
                .Append("#Insight Transform File V1.0\n#Transform 0\n")
                .Append("Transform: ").Append(TypeName).Append('\n')
                .Append("Parameters: ").Append(Join(parameters)).Append('\n')
                .Append("FixedParameters: ").Append(Join(centre)).Append('\n')
                .ToString();
            AtomicFile.Write(path, s => s.Write(Encoding.ASCII.GetBytes(text)));
        }
        else throw new InvalidInputException($"{Path.GetFileName(path)}: a linear transform is written as .mat (ITK/ANTs binary) or .txt (ITK text)");
    }

    private static string Join(double[] values) => string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}

using System.Globalization;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Spaces;

/// <summary>
/// Facts written by the ITK reference program (tests/reference/itk: ITK 5.2 read the transform files it wrote and
/// mapped points and images as antsApplyTransforms does).
/// </summary>
public static class ItkReference
{
    public static string Directory { get; } = Path.Combine(TestData.RepositoryRoot, "tests", "reference", "itk", "facts");

    public static string File(string name)
    {
        var path = Path.Combine(Directory, name);
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"ITK reference fact not found: {path}", path);
        return path;
    }

    /// <summary>The points each named chain mapped, converted from ITK's LPS to RAS.</summary>
    public static IReadOnlyList<((double X, double Y, double Z) Point, (double X, double Y, double Z) Mapped)> MappedPoints(string chain) =>
        AllMappedPoints.Value.TryGetValue(chain, out var points) ? points : throw new KeyNotFoundException($"no reference chain '{chain}'");

    private static readonly Lazy<Dictionary<string, List<((double, double, double), (double, double, double))>>> AllMappedPoints = new(() =>
    {
        var result = new Dictionary<string, List<((double, double, double), (double, double, double))>>();
        foreach (var line in System.IO.File.ReadLines(File("points_mapped.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            var v = f.Skip(1).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            if (!result.TryGetValue(f[0], out var list)) result[f[0]] = list = [];
            list.Add(((-v[0], -v[1], v[2]), (-v[3], -v[4], v[5])));
        }
        return result;
    });
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>
/// Inserts straight tubes of given radii into an image with partial-volume blending (each voxel sampled 4³ times),
/// as dark (CSF-like) PVS; the ground-truth mask holds the voxels at least half inside a tube.
/// </summary>
internal static class SyntheticTubes
{
    public sealed record Tube((double X, double Y, double Z) From, (double X, double Y, double Z) To, double RadiusMm);

    public static byte[] Insert(Volume v, IReadOnlyList<Tube> tubes, float intensity)
    {
        var truth = new byte[v.SpatialCount];
        const int sub = 4;
        for (var z = 0; z < v.Nz; z++)
            for (var y = 0; y < v.Ny; y++)
                for (var x = 0; x < v.Nx; x++)
                {
                    var inside = 0;
                    for (var k = 0; k < sub; k++)
                        for (var j = 0; j < sub; j++)
                            for (var i = 0; i < sub; i++)
                            {
                                double px = x - 0.5 + (i + 0.5) / sub, py = y - 0.5 + (j + 0.5) / sub, pz = z - 0.5 + (k + 0.5) / sub;
                                if (tubes.Any(t => Distance(t, px, py, pz) <= t.RadiusMm)) inside++;
                            }
                    if (inside == 0) continue;
                    var f = inside / (double)(sub * sub * sub);
                    v[x, y, z] = (float)((1 - f) * v[x, y, z] + f * intensity);
                    if (f >= 0.5) truth[v.Index(x, y, z)] = 1;
                }
        return truth;
    }

    /// <summary>Distance from a point to the segment (1 mm voxels).</summary>
    private static double Distance(Tube t, double x, double y, double z)
    {
        double dx = t.To.X - t.From.X, dy = t.To.Y - t.From.Y, dz = t.To.Z - t.From.Z;
        var len2 = dx * dx + dy * dy + dz * dz;
        var s = Math.Clamp(((x - t.From.X) * dx + (y - t.From.Y) * dy + (z - t.From.Z) * dz) / len2, 0, 1);
        double ex = x - (t.From.X + s * dx), ey = y - (t.From.Y + s * dy), ez = z - (t.From.Z + s * dz);
        return Math.Sqrt(ex * ex + ey * ey + ez * ez);
    }
}

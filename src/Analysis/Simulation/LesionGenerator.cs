namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// White-matter hyperintensities: lobulated ellipsoidal blobs in white matter, 60 % next to the lateral
/// ventricles and the rest in deep white matter, absent before 35 and more numerous and larger with age
/// (<see cref="AgeingModel"/>). Each gives a smooth lesion probability (as LST-lpa's <c>ples_lpa_mFLAIR</c>);
/// the true lesion is where that probability exceeds 0.5 inside white matter.
/// </summary>
public static class LesionGenerator
{
    /// <summary>One lesion, centred in world coordinates relative to the scanner centre, semi-axes in mm.</summary>
    public sealed record Lesion(double X, double Y, double Z, double A, double B, double C, double Phase1, double Phase2, bool Periventricular);

    internal static List<Lesion> Draw(int lesionSeed, AnatomyLabeler labeler, SubjectAnatomy anatomy, AnatomyAtAge age, SubjectAgeingRates rates)
    {
        var random = new Random(lesionSeed);
        var count = random.Poisson(AgeingModel.ExpectedLesions(age.Age, rates));
        var lesions = new List<Lesion>();
        var radiusGrowth = 0.05 * Math.Max(0, age.Age - AgeingModel.LesionOnsetAge);
        for (var n = 0; n < count; n++)
        {
            var periventricular = random.NextDouble() < AgeingModel.LesionPeriventricularFraction;
            var radius = random.Uniform(1.5, 3) + radiusGrowth;
            var axes = (radius * random.LogNormalFactor(0.2), radius * random.LogNormalFactor(0.2), radius * random.LogNormalFactor(0.2));
            var phases = (random.Uniform(0, 2 * Math.PI), random.Uniform(0, 2 * Math.PI));
            for (var attempt = 0; attempt < 100; attempt++)
            {
                double x, y, z;
                if (periventricular)
                {
                    var h = random.Next(2);
                    var v = random.NextDouble() < 0.6 ? anatomy.VentricleBody[h] : anatomy.VentricleAtrium[h];
                    var s = age.VentricleScale * random.Uniform(1.1, 1.5);
                    var (dx, dy, dz) = (random.Gaussian(), random.Gaussian(), random.Gaussian());
                    var norm = Math.Sqrt(dx * dx + dy * dy + dz * dz) + 1e-12;
                    (x, y, z) = (v.Cx + v.A * s * dx / norm, v.Cy + v.B * s * dy / norm, v.Cz + v.C * s * dz / norm);
                }
                else (x, y, z) = (random.Uniform(-50, 50), random.Uniform(-60, 40), random.Uniform(0, 55));
                if (labeler.Classify(x, y, z, age).Tissue != Tissue.WhiteMatter) continue;
                var w = labeler.ToWorldApprox(x, y, z);
                lesions.Add(new Lesion(w.X, w.Y, w.Z, axes.Item1, axes.Item2, axes.Item3, phases.Item1, phases.Item2, periventricular));
                break;
            }
        }
        return lesions;
    }

    /// <summary>Draws the lesions into the probability map (max over lesions) and the mask, inside white matter only.</summary>
    internal static void Rasterise(IReadOnlyList<Lesion> lesions, SimulationGrid grid, Tissue[] tissue, float[] probability, byte[] mask)
    {
        var v = grid.VoxelSize;
        var (xOfI, zOfJ, yOfK) = grid.AxisOffsets();
        foreach (var l in lesions)
        {
            var reach = 1.6 * Math.Max(l.A, Math.Max(l.B, l.C));
            grid.TryVoxel(l.X + reach, l.Y - reach, l.Z + reach, out var i0, out var j0, out var k0);
            grid.TryVoxel(l.X - reach, l.Y + reach, l.Z - reach, out var i1, out var j1, out var k1);
            for (var k = Math.Max(0, k0); k <= Math.Min(grid.Nz - 1, k1); k++)
                for (var j = Math.Max(0, j0); j <= Math.Min(grid.Ny - 1, j1); j++)
                    for (var i = Math.Max(0, i0); i <= Math.Min(grid.Nx - 1, i1); i++)
                    {
                        var index = grid.Index(i, j, k);
                        if (tissue[index] != Tissue.WhiteMatter) continue;
                        var (dx, dy, dz) = ((xOfI[i] - l.X) / l.A, (yOfK[k] - l.Y) / l.B, (zOfJ[j] - l.Z) / l.C);
                        var rho = Math.Sqrt(dx * dx + dy * dy + dz * dz);
                        // Lobulated outline: the radius varies ±15 % with direction.
                        var lobes = 1 + 0.15 * Math.Sin(3 * Math.Atan2(dy, dx) + l.Phase1) * Math.Cos(2 * Math.Atan2(dz, Math.Sqrt(dx * dx + dy * dy)) + l.Phase2);
                        var r = rho / lobes;
                        var p = 1 / (1 + Math.Exp(-8 * (1 - r) * Math.Max(1, l.A / v) / 2));
                        if (p < 0.02) continue;
                        if (p > probability[index]) probability[index] = (float)p;
                        if (r < 1) mask[index] = 1;
                    }
        }
    }
}

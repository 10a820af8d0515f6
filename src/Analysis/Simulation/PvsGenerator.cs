namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// Perivascular spaces: thin straight tubes of CSF-like signal, radius 0.5–1.5 mm. In the white matter they run
/// radially from the brain's centre (as in the centrum semiovale), 6–18 mm long; in the basal ganglia they rise
/// roughly vertically (lenticulostriate course), 3–10 mm long. Counts grow with age (<see cref="AgeingModel"/>);
/// the first tubes of each stream are the ones present at 20, so the rest are the age effect. A tube only
/// replaces its parent tissue (white matter; or basal ganglia and internal capsule).
/// </summary>
public static class PvsGenerator
{
    /// <summary>One tube in world coordinates relative to the scanner centre.</summary>
    public sealed record Tube(double X0, double Y0, double Z0, double X1, double Y1, double Z1, double Radius, bool BasalGanglia, bool Baseline);

    private static readonly (double X, double Y, double Z) BrainCentre = (0, -17, 15);

    internal static List<Tube> Draw(int pvsSeed, AnatomyLabeler labeler, SubjectAnatomy anatomy, AnatomyAtAge age, SubjectAgeingRates rates)
    {
        var tubes = new List<Tube>();
        var white = new Random(pvsSeed);
        var whiteCount = AgeingModel.PvsWhiteMatterCount(age.Age, rates);
        var whiteBaseline = AgeingModel.PvsWhiteMatterCount(AgeingModel.ReferenceAge, rates);
        for (var n = 0; n < whiteCount; n++)
            if (DrawWhite(white, labeler, age, n < whiteBaseline) is { } tube) tubes.Add(tube);
        var basal = new Random(unchecked(pvsSeed * 31 + 7));
        var basalCount = AgeingModel.PvsBasalGangliaCount(age.Age, rates);
        var basalBaseline = AgeingModel.PvsBasalGangliaCount(AgeingModel.ReferenceAge, rates);
        for (var n = 0; n < basalCount; n++)
            if (DrawBasal(basal, labeler, anatomy, age, n < basalBaseline) is { } tube) tubes.Add(tube);
        return tubes;
    }

    private static Tube? DrawWhite(Random random, AnatomyLabeler labeler, AnatomyAtAge age, bool baseline)
    {
        var radius = random.Uniform(AgeingModel.PvsMinRadius, AgeingModel.PvsMaxRadius);
        var length = random.Uniform(6, 18);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var x = random.Uniform(-55, 55);
            var y = random.Uniform(-70, 45);
            var z = random.Uniform(-5, 60);
            var jitter = (random.Gaussian(0, 0.25), random.Gaussian(0, 0.25), random.Gaussian(0, 0.25));
            if (labeler.Classify(x, y, z, age).Tissue != Tissue.WhiteMatter) continue;
            var (dx, dy, dz) = Normalise(x - BrainCentre.X, y - BrainCentre.Y, z - BrainCentre.Z);
            var direction = Normalise(dx + jitter.Item1, dy + jitter.Item2, dz + jitter.Item3);
            return Build(labeler, x, y, z, direction, length, radius, basalGanglia: false, baseline);
        }
        return null;
    }

    private static Tube? DrawBasal(Random random, AnatomyLabeler labeler, SubjectAnatomy anatomy, AnatomyAtAge age, bool baseline)
    {
        var radius = random.Uniform(AgeingModel.PvsMinRadius, AgeingModel.PvsMaxRadius);
        var length = random.Uniform(3, 10);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var h = random.Next(2);
            var putamen = anatomy.Putamen[h];
            var medial = h == 0 ? 3.0 : -3.0;
            var x = putamen.Cx + medial + random.Uniform(-1.3, 1.3) * putamen.A;
            var y = putamen.Cy + random.Uniform(-1, 1) * putamen.B;
            var z = putamen.Cz + random.Uniform(-1, 0.5) * putamen.C;
            var direction = Normalise(random.Gaussian(0, 0.3), random.Gaussian(0, 0.3), 1);
            if (!IsBasalParent(labeler.Classify(x, y, z, age).Tissue)) continue;
            return Build(labeler, x, y, z, direction, length, radius, basalGanglia: true, baseline);
        }
        return null;
    }

    private static Tube Build(AnatomyLabeler labeler, double x, double y, double z, (double X, double Y, double Z) d,
        double length, double radius, bool basalGanglia, bool baseline)
    {
        var h = length / 2;
        var a = labeler.ToWorldApprox(x - d.X * h, y - d.Y * h, z - d.Z * h);
        var b = labeler.ToWorldApprox(x + d.X * h, y + d.Y * h, z + d.Z * h);
        return new Tube(a.X, a.Y, a.Z, b.X, b.Y, b.Z, radius, basalGanglia, baseline);
    }

    /// <summary>The tissues a basal-ganglia PVS may replace.</summary>
    internal static bool IsBasalParent(Tissue t) =>
        t is Tissue.Putamen or Tissue.Pallidum or Tissue.Caudate or Tissue.Accumbens or Tissue.WhiteMatter;

    /// <summary>
    /// Draws the tubes into <paramref name="fraction"/> (CSF partial volume, 0–1) and the masks: a voxel belongs
    /// to a PVS when its centre lies within max(radius, half a voxel) of the axis, so even the thinnest tube is a
    /// connected line of voxels; its partial volume is at least the tube's cross-section over the voxel's face.
    /// </summary>
    internal static void Rasterise(IReadOnlyList<Tube> tubes, SimulationGrid grid, Tissue[] tissue,
        float[] fraction, byte[] mask, byte[] ageMask)
    {
        var v = grid.VoxelSize;
        var (xOfI, zOfJ, yOfK) = grid.AxisOffsets();
        var baselineVoxels = new HashSet<int>();
        var ageVoxels = new List<int>();
        foreach (var t in tubes)
        {
            var reach = Math.Max(t.Radius, 0.5 * v);
            var crossSection = Math.Min(1, Math.PI * t.Radius * t.Radius / (v * v));
            grid.TryVoxel(Math.Min(t.X0, t.X1), Math.Min(t.Y0, t.Y1), Math.Min(t.Z0, t.Z1), out var i0, out var j0, out var k0);
            grid.TryVoxel(Math.Max(t.X0, t.X1), Math.Max(t.Y0, t.Y1), Math.Max(t.Z0, t.Z1), out var i1, out var j1, out var k1);
            var pad = (int)Math.Ceiling(reach / v) + 1;
            var (ia, ib) = (Math.Max(0, Math.Min(i0, i1) - pad), Math.Min(grid.Nx - 1, Math.Max(i0, i1) + pad));
            var (ja, jb) = (Math.Max(0, Math.Min(j0, j1) - pad), Math.Min(grid.Ny - 1, Math.Max(j0, j1) + pad));
            var (ka, kb) = (Math.Max(0, Math.Min(k0, k1) - pad), Math.Min(grid.Nz - 1, Math.Max(k0, k1) + pad));
            var (ux, uy, uz) = (t.X1 - t.X0, t.Y1 - t.Y0, t.Z1 - t.Z0);
            var len2 = ux * ux + uy * uy + uz * uz;
            for (var k = ka; k <= kb; k++)
                for (var j = ja; j <= jb; j++)
                    for (var i = ia; i <= ib; i++)
                    {
                        var index = grid.Index(i, j, k);
                        var parent = tissue[index];
                        if (t.BasalGanglia ? !IsBasalParent(parent) : parent != Tissue.WhiteMatter) continue;
                        var (px, py, pz) = (xOfI[i] - t.X0, yOfK[k] - t.Y0, zOfJ[j] - t.Z0);
                        var s = Math.Clamp((px * ux + py * uy + pz * uz) / len2, 0, 1);
                        var (dx, dy, dz) = (px - s * ux, py - s * uy, pz - s * uz);
                        var dist = Math.Sqrt(dx * dx + dy * dy + dz * dz);
                        var f = Math.Clamp((t.Radius - dist) / v + 0.5, 0, 1);
                        if (dist <= reach)
                        {
                            f = Math.Max(f, crossSection);
                            mask[index] = 1;
                            if (t.Baseline) baselineVoxels.Add(index);
                            else ageVoxels.Add(index);
                        }
                        if (f > fraction[index]) fraction[index] = (float)f;
                    }
        }
        // A voxel already holding a PVS at 20 did not change with age, even if a later tube crosses it.
        foreach (var index in ageVoxels)
            if (!baselineVoxels.Contains(index)) ageMask[index] = 1;
    }

    private static (double X, double Y, double Z) Normalise(double x, double y, double z)
    {
        var n = Math.Sqrt(x * x + y * y + z * z) + 1e-12;
        return (x / n, y / n, z / n);
    }
}

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// One subject's anatomy at the reference age (20), in template millimetres (MNI-like RAS, origin near the
/// anterior commissure): head, skull, a cerebral envelope with sulci and an interhemispheric fissure, deep grey
/// nuclei, ventricles, hippocampus, amygdala, cerebellum and brain stem as ellipsoids; a cortical thickness per
/// parcel and hemisphere. Drawn from the subject's own seeded stream: overall size depends on sex (men 3.5 %
/// larger in each dimension, i.e. about 11 % in volume) and varies by 3 % (SD) between subjects, each axis by a
/// further 2 %; every structure's position (SD 1 mm) and size (SD 6 %) varies; a smooth warp (SD 2 mm) bends
/// the whole head.
/// </summary>
public sealed class SubjectAnatomy
{
    /// <summary>Template point that sits at the grid centre (c_ras).</summary>
    internal static readonly (double X, double Y, double Z) TemplateAnchor = (0, -17, -4);

    internal const int SulciPerHemisphere = 56;
    internal const double FissureHalfWidth = 0.6;
    internal const double SulcusHalfWidth = 0.5;
    internal const double TentoriumGap = 2;

    public Sex Sex { get; }

    /// <summary>World position (mm) of the grid centre: where the scanner put the head.</summary>
    public (double X, double Y, double Z) ScannerCentre { get; }

    /// <summary>Scale of the subject relative to the template along x, y, z.</summary>
    public (double X, double Y, double Z) Scale { get; }

    internal Ellipsoid Head, SkullOuter, Intracranial, Cerebrum, Carve, BrainStem, FourthVentricle, ThirdVentricle;
    internal Ellipsoid[] Cerebellum = new Ellipsoid[2], CerebellumWhite = new Ellipsoid[2];
    internal Ellipsoid[] VentricleBody = new Ellipsoid[2], VentricleAtrium = new Ellipsoid[2], InfLatVent = new Ellipsoid[2];
    internal Ellipsoid[] Thalamus = new Ellipsoid[2], CaudateHead = new Ellipsoid[2], CaudateBody = new Ellipsoid[2];
    internal Ellipsoid[] Putamen = new Ellipsoid[2], Pallidum = new Ellipsoid[2], Accumbens = new Ellipsoid[2];
    internal Ellipsoid[] Hippocampus = new Ellipsoid[2], Amygdala = new Ellipsoid[2];

    /// <summary>Centres of the two hemispheres (index 0 left, 1 right), origin of parcel and sulcus directions.</summary>
    internal (double X, double Y, double Z)[] HemisphereCentre = new (double, double, double)[2];

    /// <summary>Per hemisphere, per sulcus: direction u (3), sheet normal n (3), cos of half-angle, depth (mm).</summary>
    internal double[][] Sulci = new double[2][];

    /// <summary>Cortical thickness at age 20 per hemisphere and parcel (<see cref="CorticalParcels.All"/> order).</summary>
    internal double[][] Thickness20 = new double[2][];

    /// <summary>Phases of the smooth within-parcel thickness modulation (±8 %).</summary>
    internal double[] ThicknessPhase = new double[4];

    /// <summary>Smooth warp: amplitude (mm) and phases per displaced axis and term.</summary>
    internal double[] WarpAmplitude = new double[6], WarpPhaseA = new double[6], WarpPhaseB = new double[6];
    internal const double WarpWavelength = 160;

    public SubjectAnatomy(Random random, Sex sex)
    {
        Sex = sex;
        // Multiples of 1/64 mm are exact in float32, so the affine written to NIfTI equals the one in memory.
        ScannerCentre = (Math.Round(random.Gaussian(0, 3) * 64) / 64, Math.Round(random.Gaussian(0, 3) * 64) / 64, Math.Round(random.Gaussian(0, 3) * 64) / 64);
        var global = (sex == Sex.Male ? 1.035 : 1.0) * random.LogNormalFactor(0.03);
        Scale = (global * random.LogNormalFactor(0.02), global * random.LogNormalFactor(0.02), global * random.LogNormalFactor(0.02));
        for (var t = 0; t < 6; t++)
        {
            WarpAmplitude[t] = random.Gaussian(0, 2);
            WarpPhaseA[t] = random.Uniform(0, 2 * Math.PI);
            WarpPhaseB[t] = random.Uniform(0, 2 * Math.PI);
        }

        Cerebrum = new Ellipsoid(0, -17, 15, 64 * random.LogNormalFactor(0.015), 82 * random.LogNormalFactor(0.015), 58 * random.LogNormalFactor(0.015));
        Intracranial = new Ellipsoid(0, -17, 8, Cerebrum.A + 3, Cerebrum.B + 3, 68);
        SkullOuter = Intracranial.Grown(5.5 * random.LogNormalFactor(0.1));
        Head = SkullOuter.Grown(5 * random.LogNormalFactor(0.15));
        Carve = new Ellipsoid(0, -5, -42, 15, 38, 24);
        BrainStem = Jitter(random, new Ellipsoid(0, -26, -38, 11, 13, 36));
        FourthVentricle = Jitter(random, new Ellipsoid(0, -44, -30, 4, 4, 6));
        ThirdVentricle = Jitter(random, new Ellipsoid(0, -12, 2, 2, 14, 8));

        var ventricleSize = random.LogNormalFactor(0.2);
        for (var h = 0; h < 2; h++)
        {
            Ellipsoid Side(Ellipsoid left) => Jitter(random, h == 0 ? left : left.Mirrored);
            Cerebellum[h] = Side(new Ellipsoid(-23, -62, -35, 27, 26, 19));
            CerebellumWhite[h] = Side(new Ellipsoid(-16, -56, -31, 12, 12, 9));
            VentricleBody[h] = Scaled(Side(new Ellipsoid(-11, -2, 16, 5, 24, 7)), ventricleSize);
            VentricleAtrium[h] = Scaled(Side(new Ellipsoid(-19, -32, 12, 6, 12, 9)), ventricleSize);
            InfLatVent[h] = Scaled(Side(new Ellipsoid(-31, -12, -17, 2.5, 9, 2.5)), ventricleSize);
            Thalamus[h] = Side(new Ellipsoid(-10, -18, 6, 7, 15, 8));
            CaudateHead[h] = Side(new Ellipsoid(-13, 12, 9, 5, 8, 8));
            CaudateBody[h] = Side(new Ellipsoid(-17, -6, 19, 4, 12, 4));
            Putamen[h] = Side(new Ellipsoid(-25, 3, 1, 6, 15, 11));
            Pallidum[h] = Side(new Ellipsoid(-20, -3, -1, 4, 9, 6));
            Accumbens[h] = Side(new Ellipsoid(-9, 11, -7, 4.5, 5, 4.5));
            Hippocampus[h] = Side(new Ellipsoid(-27, -24, -13, 7, 19, 7.5));
            Amygdala[h] = Side(new Ellipsoid(-23, -4, -18, 7.5, 7, 7.5));
            HemisphereCentre[h] = (h == 0 ? -32 : 32, Cerebrum.Cy, Cerebrum.Cz);
            Sulci[h] = DrawSulci(random);
        }

        var thicknessLevel = random.LogNormalFactor(0.05);
        for (var h = 0; h < 2; h++)
        {
            Thickness20[h] = new double[CorticalParcels.All.Count];
            for (var p = 0; p < Thickness20[h].Length; p++)
                Thickness20[h][p] = CorticalParcels.All[p].Thickness20 * thicknessLevel * random.LogNormalFactor(0.03);
        }
        for (var t = 0; t < ThicknessPhase.Length; t++) ThicknessPhase[t] = random.Uniform(0, 2 * Math.PI);
    }

    /// <summary>The structure sizes change with age; this is the anatomy's state at one age.</summary>
    public AnatomyAtAge AtAge(double age, SubjectAgeingRates rates)
    {
        var thinning = new double[CorticalParcels.All.Count];
        for (var p = 0; p < thinning.Length; p++) thinning[p] = AgeingModel.Thinning(CorticalParcels.All[p], age, rates);
        return new AnatomyAtAge(
            age,
            AgeingModel.VentricleScale(age, rates),
            Math.Cbrt(AgeingModel.HippocampusVolumeFactor(age, rates)),
            thinning);
    }

    private static double[] DrawSulci(Random random)
    {
        var s = new double[SulciPerHemisphere * 8];
        for (var n = 0; n < SulciPerHemisphere; n++)
        {
            var u = RandomUnit(random);
            var t = RandomUnit(random);
            // The sheet normal is perpendicular to u, so the sheet runs radially through the cortex.
            var dot = u.X * t.X + u.Y * t.Y + u.Z * t.Z;
            var nx = t.X - dot * u.X;
            var ny = t.Y - dot * u.Y;
            var nz = t.Z - dot * u.Z;
            var norm = Math.Sqrt(nx * nx + ny * ny + nz * nz);
            s[8 * n] = u.X; s[8 * n + 1] = u.Y; s[8 * n + 2] = u.Z;
            s[8 * n + 3] = nx / norm; s[8 * n + 4] = ny / norm; s[8 * n + 5] = nz / norm;
            s[8 * n + 6] = Math.Cos(random.Uniform(0.15, 0.35));
            s[8 * n + 7] = random.Uniform(10, 20);
        }
        return s;
    }

    private static (double X, double Y, double Z) RandomUnit(Random random)
    {
        var x = random.Gaussian();
        var y = random.Gaussian();
        var z = random.Gaussian();
        var n = Math.Sqrt(x * x + y * y + z * z) + 1e-12;
        return (x / n, y / n, z / n);
    }

    private static Ellipsoid Jitter(Random random, Ellipsoid e) => new(
        e.Cx + random.Gaussian(0, 1), e.Cy + random.Gaussian(0, 1), e.Cz + random.Gaussian(0, 1),
        e.A * random.LogNormalFactor(0.06), e.B * random.LogNormalFactor(0.06), e.C * random.LogNormalFactor(0.06));

    private static Ellipsoid Scaled(Ellipsoid e, double volumeFactor)
    {
        var s = Math.Cbrt(volumeFactor);
        return e with { A = e.A * s, B = e.B * s, C = e.C * s };
    }
}

/// <summary>The age-dependent part of an anatomy: ventricle and hippocampus scales, thinning per parcel.</summary>
public sealed record AnatomyAtAge(double Age, double VentricleScale, double HippocampusScale, double[] Thinning);

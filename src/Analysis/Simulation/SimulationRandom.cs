namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// Where every random number of a simulation comes from. Each subject and purpose gets its own seeded
/// <see cref="Random"/> (so a subject's anatomy does not depend on how many subjects come before it, nor on
/// thread scheduling), and per-voxel noise is counter-based: a hash of (key, voxel index), identical however the
/// voxel loop is split across threads.
/// </summary>
public static class SimulationRandom
{
    /// <summary>A seed for one subject and one purpose, mixed from the cohort seed.</summary>
    public static int Derive(int cohortSeed, int subjectIndex, SeedPurpose purpose) =>
        (int)(Mix(Mix((ulong)(uint)cohortSeed ^ 0x5EED_0000_0000_0000UL) ^ ((ulong)(uint)subjectIndex << 8) ^ (ulong)purpose) & 0x7FFF_FFFF);

    /// <summary>A seeded generator for one subject and one purpose.</summary>
    public static Random For(int cohortSeed, int subjectIndex, SeedPurpose purpose) =>
        new(Derive(cohortSeed, subjectIndex, purpose));

    /// <summary>A 64-bit key for counter-based noise.</summary>
    public static ulong NoiseKey(int subjectSeed, SeedPurpose purpose) => Mix(((ulong)(uint)subjectSeed << 16) ^ (ulong)purpose ^ 0xA5A5_0000UL);

    /// <summary>Standard normal draw (Box–Muller).</summary>
    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A normal draw with the given mean and SD.</summary>
    public static double Gaussian(this Random random, double mean, double sd) => mean + sd * random.Gaussian();

    /// <summary>A log-normal factor with median 1 and the given SD of its logarithm.</summary>
    public static double LogNormalFactor(this Random random, double sdLog) => Math.Exp(sdLog * random.Gaussian());

    /// <summary>Uniform in [min, max).</summary>
    public static double Uniform(this Random random, double min, double max) => min + (max - min) * random.NextDouble();

    /// <summary>Poisson draw (Knuth for small means, normal approximation for large ones).</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 50) return Math.Max(0, (int)Math.Round(random.Gaussian(mean, Math.Sqrt(mean))));
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }

    /// <summary>Two independent standard normal values for voxel <paramref name="index"/> under <paramref name="key"/>.</summary>
    public static (float A, float B) VoxelGaussians(ulong key, long index)
    {
        var h1 = Mix(key ^ (ulong)index * 0x9E37_79B9_7F4A_7C15UL);
        var h2 = Mix(h1 ^ 0xD1B5_4A32_D192_ED03UL);
        var u1 = ((h1 >> 11) + 1) * (1.0 / 9007199254740993.0); // (0, 1]
        var u2 = (h2 >> 11) * (1.0 / 9007199254740992.0);
        var r = Math.Sqrt(-2 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2 * Math.PI * u2);
        return ((float)(r * cos), (float)(r * sin));
    }

    /// <summary>SplitMix64 finaliser: a strong 64-bit mix.</summary>
    internal static ulong Mix(ulong z)
    {
        z += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>What a random stream is for; each purpose gets an independent stream per subject.</summary>
public enum SeedPurpose
{
    Demographics = 1,
    Anatomy = 2,
    Ageing = 3,
    Pvs = 4,
    Lesions = 5,
    Contrast = 6,
    T1Noise = 7,
    FlairNoise = 8,
    Fa = 9,
    FlairPose = 10,
}

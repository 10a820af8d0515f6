namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// T1-weighted and FLAIR intensities per tissue (scanner-like units: white matter about 110 on T1 and 80 on
/// FLAIR), with CSF dark on both (FLAIR suppresses fluid), grey matter darker than white matter on T1 and
/// brighter on FLAIR, lesions bright on FLAIR and dark on T1, PVS at CSF intensity. A subject's scanner gain
/// varies by 5 % and each tissue's mean by 2 %. Images are built as: tissue mean, mixed with CSF by the PVS
/// partial volume and with lesion signal by the lesion probability, blurred by a [1 2 1]/4 kernel along each axis
/// (the scanner's point-spread), multiplied by a <see cref="BiasField"/>, then given Rician noise with σ = 3 % of
/// white matter, and rounded to integers.
/// </summary>
public sealed class MriContrast
{
    private static readonly Dictionary<Tissue, (double T1, double Flair)> Means = new()
    {
        [Tissue.Background] = (0, 0),
        [Tissue.Scalp] = (95, 65),
        [Tissue.Skull] = (18, 12),
        [Tissue.Csf] = (25, 12),
        [Tissue.CorticalGrey] = (72, 100),
        [Tissue.WhiteMatter] = (110, 80),
        [Tissue.Thalamus] = (95, 88),
        [Tissue.Caudate] = (80, 96),
        [Tissue.Putamen] = (86, 92),
        [Tissue.Pallidum] = (100, 84),
        [Tissue.Hippocampus] = (74, 104),
        [Tissue.Amygdala] = (76, 102),
        [Tissue.Accumbens] = (78, 98),
        [Tissue.BrainStem] = (100, 86),
        [Tissue.CerebellumCortex] = (70, 98),
        [Tissue.CerebellumWhite] = (105, 82),
    };

    /// <summary>Lesion signal relative to white matter: dark on T1, bright on FLAIR.</summary>
    public const double LesionT1 = 0.72, LesionFlair = 1.75;

    /// <summary>Noise SD relative to white matter.</summary>
    public const double NoiseFraction = 0.03;

    private readonly float[] _t1 = new float[Enum.GetValues<Tissue>().Length];
    private readonly float[] _flair = new float[Enum.GetValues<Tissue>().Length];

    public MriContrast(Random random)
    {
        var gainT1 = random.LogNormalFactor(0.05);
        var gainFlair = random.LogNormalFactor(0.05);
        foreach (var (tissue, (t1, flair)) in Means.OrderBy(m => m.Key))
        {
            _t1[(int)tissue] = (float)(t1 * gainT1 * random.LogNormalFactor(0.02));
            _flair[(int)tissue] = (float)(flair * gainFlair * random.LogNormalFactor(0.02));
        }
    }

    public float T1(Tissue tissue) => _t1[(int)tissue];
    public float Flair(Tissue tissue) => _flair[(int)tissue];

    /// <summary>Noise-free, bias-free image from tissues, PVS partial volume and lesion probability.</summary>
    internal float[] Render(SimulationGrid grid, Tissue[] tissue, float[] pvsFraction, float[] lesionProbability, bool flair)
    {
        var means = flair ? _flair : _t1;
        var csf = means[(int)Tissue.Csf];
        var lesion = (float)(means[(int)Tissue.WhiteMatter] * (flair ? LesionFlair : LesionT1));
        var image = new float[grid.VoxelCount];
        Parallel.For(0, grid.Nz, k =>
        {
            var start = k * grid.Nx * grid.Ny;
            for (var n = start; n < start + grid.Nx * grid.Ny; n++)
            {
                var value = means[(int)tissue[n]];
                var f = pvsFraction[n];
                if (f > 0) value += f * (csf - value);
                var l = lesionProbability[n];
                if (l > 0) value += l * (lesion - value);
                image[n] = value;
            }
        });
        Blur(grid, image);
        return image;
    }

    /// <summary>Applies the bias field and Rician noise (counter-based, so independent of threading) and rounds.</summary>
    internal void Acquire(SimulationGrid grid, float[] image, BiasField bias, ulong noiseKey, bool flair)
    {
        var sigma = NoiseFraction * (flair ? _flair : _t1)[(int)Tissue.WhiteMatter];
        var (xOfI, zOfJ, yOfK) = grid.AxisOffsets();
        Parallel.For(0, grid.Nz, k =>
        {
            for (var j = 0; j < grid.Ny; j++)
            {
                var row = grid.Index(0, j, k);
                for (var i = 0; i < grid.Nx; i++)
                {
                    var n = row + i;
                    var clean = image[n] * bias.Gain(xOfI[i], yOfK[k], zOfJ[j]);
                    var (a, b) = SimulationRandom.VoxelGaussians(noiseKey, n);
                    var re = clean + sigma * a;
                    var im = sigma * b;
                    image[n] = MathF.Round((float)Math.Sqrt(re * re + im * im));
                }
            }
        });
    }

    /// <summary>Separable [1 2 1]/4 smoothing along each axis (edges repeat).</summary>
    private static void Blur(SimulationGrid grid, float[] image)
    {
        var (nx, ny, nz) = (grid.Nx, grid.Ny, grid.Nz);
        var copy = new float[image.Length];
        foreach (var (stride, length) in new[] { (1, nx), (nx, ny), (nx * ny, nz) })
        {
            Array.Copy(image, copy, image.Length);
            Parallel.For(0, nz, k =>
            {
                for (var j = 0; j < ny; j++)
                    for (var i = 0; i < nx; i++)
                    {
                        var n = i + nx * (j + ny * k);
                        var position = stride == 1 ? i : stride == nx ? j : k;
                        var before = position > 0 ? copy[n - stride] : copy[n];
                        var after = position < length - 1 ? copy[n + stride] : copy[n];
                        image[n] = 0.25f * before + 0.5f * copy[n] + 0.25f * after;
                    }
            });
        }
    }
}

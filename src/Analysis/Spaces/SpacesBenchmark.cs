using System.Diagnostics;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces.Files;
using RelevanceRelated.Analysis.Spaces.Registration;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// The Spaces benchmark workloads on one 1 mm brain (e.g. a 256³ IXI T1): (1) moving it onto its own grid through a
/// displacement field then an affine (ANTs' <c>-t 1Warp -t 0GenericAffine</c>), (2) rigid MI registration with ANTs'
/// defaults recovering a known rigid transform. It writes the inputs the peers (ITK's resampler, elastix) read, so
/// every tool works on the same files.
/// </summary>
public sealed class SpacesBenchmark
{
    private SpacesBenchmark(string directory, LinearTransform knownRigid)
    {
        Directory = directory;
        KnownRigid = knownRigid;
    }

    public string Directory { get; }

    /// <summary>Float32, uncompressed copies: the input (also the fixed image), the moving image of the registration.</summary>
    public string Input => Path.Combine(Directory, "input.nii");
    public string Moving => Path.Combine(Directory, "moving.nii");
    public string Affine => Path.Combine(Directory, "affine.mat");
    public string Warp => Path.Combine(Directory, "warp.nii");

    /// <summary>The transform registration should recover, as an ITK .mat.</summary>
    public string Known => Path.Combine(Directory, "known_rigid.mat");

    /// <summary>The transform registration should recover (fixed point → moving point).</summary>
    public LinearTransform KnownRigid { get; }

    /// <summary>Writes the input, the transforms and the moving image into <paramref name="directory"/>.</summary>
    public static SpacesBenchmark Prepare(string input, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        using var volume = VolumeFile.Read(input);
        if (volume.Frames != 1) throw new InvalidInputException($"{input}: the benchmark needs a 3-D image");
        var centre = CentreOfMass.Of(volume);
        var known = LinearTransform.Euler(6, 4, -5, (5, -4, 6), centre);
        var bench = new SpacesBenchmark(directory, known);
        VolumeFile.Write(volume, bench.Input, VoxelType.Float32);
        ItkTransformWriter.Write(bench.Known, known, centre);
        ItkTransformWriter.Write(bench.Affine, LinearTransform.Euler(8, -3, 5, (4, -6, 3), centre), centre);
        DisplacementFieldFile.Write(SmoothField(ImageGrid.Of(volume)), bench.Warp);
        using var moving = VolumeMover.Move(volume, ImageGrid.Of(volume), new TransformChain([known.Inverse()]), SpatialInterpolation.Linear);
        VolumeFile.Write(moving.Volume, bench.Moving, VoxelType.Float32);
        return bench;
    }

    /// <summary>Median seconds of the resampling alone (inputs in memory), and of reading, resampling and writing.</summary>
    public (double Resample, double EndToEnd) TimeTransform(int repeats, string output, CancellationToken cancellationToken = default)
    {
        using var input = VolumeFile.Read(Input);
        var chain = TransformChainLoader.Load([new TransformReference(Warp), new TransformReference(Affine)], cancellationToken);
        var grid = ImageGrid.Of(input);
        using (VolumeMover.Move(input, grid, chain, SpatialInterpolation.Linear, 0, cancellationToken)) { }
        var resample = Median(repeats, () =>
        {
            using var moved = VolumeMover.Move(input, grid, chain, SpatialInterpolation.Linear, 0, cancellationToken);
        });
        var endToEnd = Median(repeats, () =>
        {
            using var v = VolumeFile.Read(Input);
            var c = TransformChainLoader.Load([new TransformReference(Warp), new TransformReference(Affine)], cancellationToken);
            using var moved = VolumeMover.Move(v, ImageGrid.Of(v), c, SpatialInterpolation.Linear, 0, cancellationToken);
            VolumeFile.Write(moved.Volume, output);
        });
        return (resample, endToEnd);
    }

    /// <summary>Registration of the moving image to the input with ANTs' rigid defaults, reading both files first.</summary>
    public (double Seconds, double CpuSeconds, RegistrationResult Result) TimeRegistration(CancellationToken cancellationToken = default)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var fixedImage = VolumeFile.Read(Input);
        using var moving = VolumeFile.Read(Moving);
        var result = ImageRegistration.Register(fixedImage, moving, new RegistrationOptions(), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds, result);
    }

    /// <summary>The largest distance (mm) between where an estimate and the known transform put the input's brain
    /// voxels (non-zero, every second voxel per axis), and the angle (degrees) between their linear parts.</summary>
    public (double Millimetres, double Degrees) Error(LinearTransform estimate)
    {
        using var volume = VolumeFile.Read(Input);
        var worst = 0.0;
        for (var z = 0; z < volume.Nz; z += 2)
            for (var y = 0; y < volume.Ny; y += 2)
                for (var x = 0; x < volume.Nx; x += 2)
                {
                    if (volume[x, y, z] <= 0) continue;
                    var (px, py, pz) = volume.Affine.Apply(x, y, z);
                    var a = estimate.Map(px, py, pz);
                    var b = KnownRigid.Map(px, py, pz);
                    worst = Math.Max(worst, Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y) + (a.Z - b.Z) * (a.Z - b.Z)));
                }
        var r = estimate.Matrix * KnownRigid.Matrix.Inverse();
        var degrees = Math.Acos(Math.Clamp((r[0, 0] + r[1, 1] + r[2, 2] - 1) / 2, -1, 1)) * 180 / Math.PI;
        return (worst, degrees);
    }

    /// <summary>A smooth field of a few millimetres on the grid.</summary>
    private static DisplacementFieldTransform SmoothField(ImageGrid grid)
    {
        var vectors = new float[3 * grid.VoxelCount];
        Parallel.For(0, grid.Nz, z =>
        {
            for (var y = 0; y < grid.Ny; y++)
                for (var x = 0; x < grid.Nx; x++)
                {
                    var (px, py, pz) = grid.Affine.Apply(x, y, z);
                    var i = 3 * (x + grid.Nx * (y + grid.Ny * z));
                    vectors[i] = (float)(3 * Math.Sin(px / 20) * Math.Cos(py / 25));
                    vectors[i + 1] = (float)(2.5 * Math.Cos(pz / 18) + 0.5);
                    vectors[i + 2] = (float)(2 * Math.Sin((px + py) / 30) - 1);
                }
        });
        return new DisplacementFieldTransform(grid, vectors);
    }

    private static double Median(int repeats, Action action)
    {
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return repeats % 2 == 1 ? times[repeats / 2] : (times[repeats / 2 - 1] + times[repeats / 2]) / 2;
    }
}

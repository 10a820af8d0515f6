using System.Globalization;
using System.Text;
using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Files;

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// A simulated cohort: participants drawn from a seed (age uniform over a range, sex 50/50, each subject from
/// its own stream so subject i is the same whatever the cohort size), simulated one after another and written
/// as a <see cref="BidsLayout"/> tree, with the template space (<see cref="TemplateSpace"/>): per subject an ANTs affine
/// to it and an FA map in it, and its atlases (<see cref="TemplateAtlases"/>). Same seed, same bytes.
/// </summary>
public static class CohortSimulator
{
    /// <summary>The participants of a cohort: ids sub-001…, ages rounded to 0.1 year.</summary>
    public static IReadOnlyList<SubjectSpec> Participants(int count, int seed, double minAge = 20, double maxAge = 80)
    {
        if (count < 1) throw new InvalidInputException($"--subjects: expected at least 1, got {count}");
        if (!(minAge >= 0 && maxAge <= 120 && minAge <= maxAge))
            throw new InvalidInputException($"--age-range: expected MIN:MAX with 0 ≤ MIN ≤ MAX ≤ 120, got {minAge}:{maxAge}");
        var digits = Math.Max(3, count.ToString(CultureInfo.InvariantCulture).Length);
        var list = new List<SubjectSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var random = SimulationRandom.For(seed, i, SeedPurpose.Demographics);
            var age = Math.Round(random.Uniform(minAge, maxAge), 1);
            var sex = random.NextDouble() < 0.5 ? Sex.Female : Sex.Male;
            list.Add(new SubjectSpec($"sub-{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}", age, sex, seed, i));
        }
        return list;
    }

    /// <summary>
    /// Simulates a cohort in memory, one subject at a time as the sequence is read (nothing touches the disk):
    /// for example a training cohort on the 2 mm grid, from a seed disjoint from any demo cohort's.
    /// </summary>
    public static IEnumerable<SimulatedSubject> Simulate(IEnumerable<SubjectSpec> participants, SimulationGrid grid)
    {
        foreach (var spec in participants) yield return SubjectSimulator.Simulate(spec, grid);
    }

    /// <summary>Simulates and writes a whole cohort; <paramref name="progress"/> hears about each finished subject.</summary>
    /// <param name="flairOnOwnGrid">Write each FLAIR (and lesion map) on its own grid, with the transform that moves it onto the T1.</param>
    public static void Write(IReadOnlyList<SubjectSpec> participants, SimulationGrid grid, BidsLayout layout, Action<SimulatedSubject>? progress = null,
        bool flairOnOwnGrid = false)
    {
        Directory.CreateDirectory(layout.Root);
        WriteText(layout.Participants, ParticipantsTsv(participants));
        WriteText(layout.DatasetDescription,
            "{\n  \"Name\": \"RelevanceRelated simulated cohort\",\n  \"BIDSVersion\": \"1.8.0\",\n  \"DatasetType\": \"raw\",\n" +
            "  \"GeneratedBy\": [{ \"Name\": \"relevancerelated simulate\" }]\n}\n");
        var template = TemplateSpace.For(grid);
        WriteTemplate(template, layout);
        foreach (var spec in participants)
        {
            var subject = SubjectSimulator.Simulate(spec, grid, withFlair: true, template);
            WriteSubject(subject, layout, flairOnOwnGrid);
            progress?.Invoke(subject);
        }
    }

    /// <summary>The template's atlases, their label tables and an <c>[atlases.*]</c> configuration pointing at them.</summary>
    public static void WriteTemplate(TemplateSpace template, BidsLayout layout)
    {
        Directory.CreateDirectory(layout.Atlases);
        using (var tracts = template.ToVolume(TemplateAtlases.TractLabels(template), VoxelType.UInt8, "simulated JHU-like tract labels"))
            VolumeFile.Write(tracts, layout.TractAtlas, VoxelType.UInt8);
        using (var bg = template.ToVolume(TemplateAtlases.BasalGangliaProbability(template), VoxelType.Float32, "simulated basal-ganglia probability"))
            VolumeFile.Write(bg, layout.BasalGangliaAtlas, VoxelType.Float32);
        WriteText(layout.TractAtlasLabels, WhiteMatterTracts.FslXml(template));
        WriteText(layout.BasalGangliaAtlasLabels, TemplateAtlases.BasalGangliaXml.ReplaceLineEndings("\n"));
        WriteText(layout.AtlasConfig, TemplateAtlases.ConfigToml(layout).ReplaceLineEndings("\n"));
    }

    /// <summary>participants.tsv: participant_id, age, sex (M/F), tab-separated, Unix line ends.</summary>
    public static string ParticipantsTsv(IEnumerable<SubjectSpec> participants)
    {
        var b = new StringBuilder("participant_id\tage\tsex\n");
        foreach (var p in participants)
            b.Append(p.Id).Append('\t').Append(p.Age.ToString("0.0", CultureInfo.InvariantCulture)).Append('\t')
                .Append(p.Sex == Sex.Male ? 'M' : 'F').Append('\n');
        return b.ToString();
    }

    /// <summary>Writes every file of one subject.</summary>
    /// <param name="flairOnOwnGrid">The FLAIR and lesion map on the FLAIR's own grid, with the FLAIR→T1 transform (<see cref="FlairPose"/>).</param>
    public static void WriteSubject(SimulatedSubject s, BidsLayout layout, bool flairOnOwnGrid = false)
    {
        var id = s.Spec.Id;
        foreach (var file in layout.SubjectFiles(id)) Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var pose = flairOnOwnGrid ? FlairPose(s) : null;
        // Each file is compressed on its own thread; the bytes do not depend on the order.
        Action[] images =
        [
            () => WriteImage(s, s.T1, layout.T1w(id), VoxelType.Int16, "simulated T1w"),
            () => WriteFlairGridImage(s, s.Flair, pose, layout.Flair(id), VoxelType.Int16, "simulated FLAIR"),
            () => WriteImage(s, ToFloat(s.Aseg), layout.Aseg(id), VoxelType.Int32, ""),
            () => WriteImage(s, ToFloat(s.AparcAseg), layout.AparcAseg(id), VoxelType.Int32, ""),
            () => WriteFlairGridImage(s, s.LesionProbability, pose, layout.LesionProbability(id), VoxelType.Float32, "simulated lesion probability"),
            () => WriteFa(s, layout.Fa(id)),
            () => WriteImage(s, ToFloat(s.PvsMask), layout.PvsMask(id), VoxelType.UInt8, "true PVS mask"),
            () => WriteImage(s, ToFloat(s.LesionMask), layout.LesionMask(id), VoxelType.UInt8, "true lesion mask"),
            () => WriteImage(s, ToFloat(s.AgeEffectMask), layout.AgeEffectMask(id), VoxelType.UInt8, "true age-effect mask"),
        ];
        Parallel.Invoke(images);
        WriteText(layout.AsegStats(id), FreeSurferStatsWriter.Aseg(s, id));
        WriteText(layout.AparcStats(id, 0), FreeSurferStatsWriter.Aparc(s, id, 0));
        WriteText(layout.AparcStats(id, 1), FreeSurferStatsWriter.Aparc(s, id, 1));
        for (var h = 0; h < 2; h++)
        {
            WriteText(layout.DktStats(id, h), FreeSurferStatsWriter.Dkt40(s, id, h));
            WriteText(layout.DestrieuxStats(id, h), FreeSurferStatsWriter.Destrieux(s, id, h));
        }
        ItkTransformWriter.Write(layout.TemplateAffine(id), TemplateSpace.SubjectTransform(s), s.ScannerCentre);
        if (pose is not null) ItkTransformWriter.Write(layout.FlairToT1(id), pose.Value.T1ToFlair, s.ScannerCentre);
        else if (File.Exists(layout.FlairToT1(id))) File.Delete(layout.FlairToT1(id));
        WriteText(layout.Truth(id), TruthJson(s, pose?.T1ToFlair));
    }

    /// <summary>
    /// Where the FLAIR scan saw the head: a rigid move of the head between the scans (rotations SD 3°, shifts SD 4 mm,
    /// about the grid centre) and its own grid (1.25 times the T1's voxel size, LIA, centred where the head moved to).
    /// <c>T1ToFlair</c> maps T1 world points to FLAIR world points, which is the transform that moves the FLAIR onto the
    /// T1 grid (antsApplyTransforms' convention).
    /// </summary>
    public static (LinearTransform T1ToFlair, ImageGrid FlairGrid)? FlairPose(SimulatedSubject s)
    {
        var random = SimulationRandom.For(s.Spec.CohortSeed, s.Spec.Index, SeedPurpose.FlairPose);
        var move = LinearTransform.Euler(random.Gaussian(0, 3), random.Gaussian(0, 3), random.Gaussian(0, 3),
            (random.Gaussian(0, 4), random.Gaussian(0, 4), random.Gaussian(0, 4)), s.ScannerCentre);
        var flairGrid = new SimulationGrid(Math.Min(4, s.Grid.VoxelSize * 1.25));
        var (cx, cy, cz) = move.Map(s.ScannerCentre.X, s.ScannerCentre.Y, s.ScannerCentre.Z);
        var grid = new ImageGrid(flairGrid.Nx, flairGrid.Ny, flairGrid.Nz, move.Matrix * new Affine(flairGrid.Affine(s.ScannerCentre)));
        return (move, grid);
    }

    /// <summary>An image of the T1 grid, or (with a pose) resampled onto the FLAIR's grid: FLAIR point q shows the head point move⁻¹(q).</summary>
    private static void WriteFlairGridImage(SimulatedSubject s, float[] data, (LinearTransform T1ToFlair, ImageGrid FlairGrid)? pose,
        string path, VoxelType type, string description)
    {
        if (pose is null)
        {
            WriteImage(s, data, path, type, description);
            return;
        }
        using var onT1 = s.ToVolume(data, VoxelType.Float32, description);
        using var moved = VolumeMover.Move(onT1, pose.Value.FlairGrid, new TransformChain([pose.Value.T1ToFlair.Inverse()]), SpatialInterpolation.Linear);
        moved.Volume.Metadata = new VolumeMetadata { Description = description, QformCode = 1, SformCode = 1, XyztUnits = 10 };
        VolumeFile.Write(moved.Volume, path, type);
    }

    private static void WriteFa(SimulatedSubject s, string path)
    {
        if (s.Template is null) return;
        using var fa = s.Template.ToVolume(s.FractionalAnisotropy, VoxelType.Float32, $"simulated FA in {TemplateSpace.Name}");
        VolumeFile.Write(fa, path, VoxelType.Float32);
    }

    /// <summary>The subject's ground truth parameters: what the simulation did, for validation.</summary>
    /// <param name="flairToT1">The FLAIR→T1 transform, when the FLAIR was written on its own grid.</param>
    public static string TruthJson(SimulatedSubject s, LinearTransform? flairToT1 = null)
    {
        var truth = new SortedDictionary<string, object>
        {
            ["participant_id"] = s.Spec.Id,
            ["age"] = s.Spec.Age,
            ["sex"] = s.Spec.Sex == Sex.Male ? "M" : "F",
            ["reference_age"] = AgeingModel.ReferenceAge,
            ["rates"] = new SortedDictionary<string, double>
            {
                ["ventricles"] = s.Rates.Ventricles, ["hippocampus"] = s.Rates.Hippocampus, ["cortex"] = s.Rates.Cortex,
                ["pvs"] = s.Rates.Pvs, ["lesions"] = s.Rates.Lesions,
            },
            ["ventricle_volume_factor"] = Math.Pow(AgeingModel.VentricleScale(s.Spec.Age, s.Rates), 3),
            ["hippocampus_volume_factor"] = AgeingModel.HippocampusVolumeFactor(s.Spec.Age, s.Rates),
            ["cortical_thinning_mm"] = new SortedDictionary<string, double>(
                CorticalParcels.All.ToDictionary(p => p.Name, p => AgeingModel.Thinning(p, s.Spec.Age, s.Rates)), StringComparer.Ordinal),
            ["pvs_tubes"] = s.PvsTubes.Count,
            ["pvs_tubes_age_related"] = s.PvsTubes.Count(t => !t.Baseline),
            ["pvs_voxels"] = s.PvsMask.Count(b => b != 0),
            ["lesions"] = s.Lesions.Count,
            ["lesion_voxels"] = s.LesionMask.Count(b => b != 0),
            ["age_effect_voxels"] = s.AgeEffectMask.Count(b => b != 0),
            ["voxel_size_mm"] = s.Grid.VoxelSize,
        };
        if (s.Template is not null)
        {
            truth["template"] = TemplateSpace.Name;
            // Row-major 4x4: template point -> subject world point (the .mat's map), leaving out the anatomy's small warp.
            truth["template_to_subject_affine"] = TemplateSpace.SubjectTransform(s).Matrix.ToArray();
            truth["fa_tracts"] = new SortedDictionary<string, double>(s.TractFa.ToDictionary(), StringComparer.Ordinal);
        }
        if (flairToT1 is not null) truth["flair_to_t1_affine"] = flairToT1.Matrix.ToArray();
        return JsonSerializer.Serialize(truth, new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static void WriteImage(SimulatedSubject s, float[] data, string path, VoxelType type, string description)
    {
        using var volume = s.ToVolume(data, type, description);
        VolumeFile.Write(volume, path, type);
    }

    private static float[] ToFloat(int[] values)
    {
        var f = new float[values.Length];
        for (var i = 0; i < values.Length; i++) f[i] = values[i];
        return f;
    }

    private static float[] ToFloat(byte[] values)
    {
        var f = new float[values.Length];
        for (var i = 0; i < values.Length; i++) f[i] = values[i];
        return f;
    }

    private static void WriteText(string path, string text) =>
        AtomicFile.Write(path, s => s.Write(new UTF8Encoding(false).GetBytes(text)));
}

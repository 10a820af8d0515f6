using System.Globalization;
using System.Text;
using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// A simulated cohort: participants drawn from a seed (age uniform over a range, sex 50/50, each subject from
/// its own stream so subject i is the same whatever the cohort size), simulated one after another and written
/// as a <see cref="BidsLayout"/> tree. Same seed, same bytes.
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
    public static void Write(IReadOnlyList<SubjectSpec> participants, SimulationGrid grid, BidsLayout layout, Action<SimulatedSubject>? progress = null)
    {
        Directory.CreateDirectory(layout.Root);
        WriteText(layout.Participants, ParticipantsTsv(participants));
        WriteText(layout.DatasetDescription,
            "{\n  \"Name\": \"RelevanceRelated simulated cohort\",\n  \"BIDSVersion\": \"1.8.0\",\n  \"DatasetType\": \"raw\",\n" +
            "  \"GeneratedBy\": [{ \"Name\": \"relevancerelated simulate\" }]\n}\n");
        foreach (var subject in Simulate(participants, grid))
        {
            WriteSubject(subject, layout);
            progress?.Invoke(subject);
        }
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
    public static void WriteSubject(SimulatedSubject s, BidsLayout layout)
    {
        var id = s.Spec.Id;
        foreach (var file in layout.SubjectFiles(id)) Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Each file is compressed on its own thread; the bytes do not depend on the order.
        Action[] images =
        [
            () => WriteImage(s, s.T1, layout.T1w(id), VoxelType.Int16, "simulated T1w"),
            () => WriteImage(s, s.Flair, layout.Flair(id), VoxelType.Int16, "simulated FLAIR"),
            () => WriteImage(s, ToFloat(s.Aseg), layout.Aseg(id), VoxelType.Int32, ""),
            () => WriteImage(s, ToFloat(s.AparcAseg), layout.AparcAseg(id), VoxelType.Int32, ""),
            () => WriteImage(s, s.LesionProbability, layout.LesionProbability(id), VoxelType.Float32, "simulated lesion probability"),
            () => WriteImage(s, ToFloat(s.PvsMask), layout.PvsMask(id), VoxelType.UInt8, "true PVS mask"),
            () => WriteImage(s, ToFloat(s.LesionMask), layout.LesionMask(id), VoxelType.UInt8, "true lesion mask"),
            () => WriteImage(s, ToFloat(s.AgeEffectMask), layout.AgeEffectMask(id), VoxelType.UInt8, "true age-effect mask"),
        ];
        Parallel.Invoke(images);
        WriteText(layout.AsegStats(id), FreeSurferStatsWriter.Aseg(s, id));
        WriteText(layout.AparcStats(id, 0), FreeSurferStatsWriter.Aparc(s, id, 0));
        WriteText(layout.AparcStats(id, 1), FreeSurferStatsWriter.Aparc(s, id, 1));
        WriteText(layout.Truth(id), TruthJson(s));
    }

    /// <summary>The subject's ground truth parameters: what the simulation did, for validation.</summary>
    public static string TruthJson(SimulatedSubject s)
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

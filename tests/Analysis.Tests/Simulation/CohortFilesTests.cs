using System.Globalization;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Simulation;

/// <summary>A written cohort: files read back through our readers and agree with the in-memory ground truth.</summary>
public sealed class CohortFilesTests
{
    private static readonly SimulationGrid Grid = SimulationGrid.TwoMillimetre;

    private sealed record Written(BidsLayout Layout, IReadOnlyList<SimulatedSubject> Subjects);

    private static readonly Lazy<Written> Cohort = new(() => WriteCohort(seed: 5, "a"));

    private static Written WriteCohort(int seed, string name)
    {
        var layout = new BidsLayout(Path.Combine(TestData.NewTempDirectory("rr-sim"), name));
        var subjects = new List<SimulatedSubject>();
        CohortSimulator.Write(CohortSimulator.Participants(2, seed, 60, 80), Grid, layout, subjects.Add);
        return new Written(layout, subjects);
    }

    private static Dictionary<string, byte[]> Files(BidsLayout layout) =>
        Directory.EnumerateFiles(layout.Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(layout.Root, f), File.ReadAllBytes);

    [Fact]
    public void Two_runs_with_the_same_seed_write_byte_identical_trees()
    {
        var first = Files(Cohort.Value.Layout);
        var second = Files(WriteCohort(seed: 5, "b").Layout);

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.All(first, f => Assert.True(f.Value.AsSpan().SequenceEqual(second[f.Key]), $"{f.Key} differs"));
    }

    [Fact]
    public void A_different_seed_writes_different_images()
    {
        var other = WriteCohort(seed: 6, "c").Layout;
        var id = Cohort.Value.Subjects[0].Spec.Id;

        Assert.NotEqual(File.ReadAllBytes(Cohort.Value.Layout.T1w(id)), File.ReadAllBytes(other.T1w(id)));
        Assert.NotEqual(File.ReadAllText(Cohort.Value.Layout.Participants), File.ReadAllText(other.Participants));
    }

    [Fact]
    public void Every_subject_file_of_the_layout_exists()
    {
        var layout = Cohort.Value.Layout;
        Assert.True(File.Exists(layout.Participants));
        Assert.True(File.Exists(layout.DatasetDescription));
        foreach (var s in Cohort.Value.Subjects)
            Assert.All(layout.SubjectFiles(s.Spec.Id), f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void Participants_tsv_lists_id_age_and_sex()
    {
        var lines = File.ReadAllLines(Cohort.Value.Layout.Participants);

        Assert.Equal("participant_id\tage\tsex", lines[0]);
        var subjects = Cohort.Value.Subjects;
        Assert.Equal(subjects.Count + 1, lines.Length);
        for (var i = 0; i < subjects.Count; i++)
        {
            var cells = lines[i + 1].Split('\t');
            Assert.Equal(subjects[i].Spec.Id, cells[0]);
            Assert.Equal(subjects[i].Spec.Age, double.Parse(cells[1], CultureInfo.InvariantCulture));
            Assert.Equal(subjects[i].Spec.Sex == Sex.Male ? "M" : "F", cells[2]);
        }
    }

    [Fact]
    public void Images_read_back_as_lia_with_the_subjects_affine_and_voxels()
    {
        var layout = Cohort.Value.Layout;
        foreach (var s in Cohort.Value.Subjects)
        {
            var id = s.Spec.Id;
            AssertImage(layout.T1w(id), s, s.T1, VoxelType.Int16);
            AssertImage(layout.Flair(id), s, s.Flair, VoxelType.Int16);
            AssertImage(layout.Aseg(id), s, s.Aseg.Select(v => (float)v).ToArray(), VoxelType.Int32);
            AssertImage(layout.AparcAseg(id), s, s.AparcAseg.Select(v => (float)v).ToArray(), VoxelType.Int32);
            AssertImage(layout.LesionProbability(id), s, s.LesionProbability, VoxelType.Float32);
            AssertImage(layout.PvsMask(id), s, s.PvsMask.Select(v => (float)v).ToArray(), VoxelType.UInt8);
            AssertImage(layout.LesionMask(id), s, s.LesionMask.Select(v => (float)v).ToArray(), VoxelType.UInt8);
            AssertImage(layout.AgeEffectMask(id), s, s.AgeEffectMask.Select(v => (float)v).ToArray(), VoxelType.UInt8);
        }
    }

    [Fact]
    public void Ground_truth_masks_on_disk_match_the_label_volumes()
    {
        var layout = Cohort.Value.Layout;
        foreach (var s in Cohort.Value.Subjects)
        {
            using var aseg = VolumeFile.Read(layout.Aseg(s.Spec.Id));
            using var lesions = VolumeFile.Read(layout.LesionMask(s.Spec.Id));
            using var probability = VolumeFile.Read(layout.LesionProbability(s.Spec.Id));
            using var pvs = VolumeFile.Read(layout.PvsMask(s.Spec.Id));
            for (var v = 0; v < aseg.VoxelCount; v++)
            {
                // A lesion is exactly the WM-hypointensity label, and its probability exceeds one half.
                Assert.Equal(lesions.Data[v] == 1, aseg.Data[v] == AsegLabels.WmHypointensities);
                if (lesions.Data[v] == 1) Assert.True(probability.Data[v] > 0.5f);
                // PVS lie in white matter or the basal ganglia.
                if (pvs.Data[v] == 1) Assert.Contains((int)aseg.Data[v], new[] { 2, 41, 11, 50, 12, 51, 13, 52, 26, 58, 77 });
            }
        }
    }

    [Fact]
    public void Aseg_stats_volumes_equal_the_label_counts_of_aseg_mgz()
    {
        var layout = Cohort.Value.Layout;
        foreach (var s in Cohort.Value.Subjects)
        {
            using var aseg = VolumeFile.Read(layout.Aseg(s.Spec.Id));
            var counts = new Dictionary<int, int>();
            foreach (var v in aseg.Data) counts[(int)v] = counts.GetValueOrDefault((int)v) + 1;
            var rows = StatsRows(layout.AsegStats(s.Spec.Id));

            Assert.Equal(AsegLabels.StatsRows.Count, rows.Count);
            foreach (var row in rows)
            {
                var segId = int.Parse(row[1], CultureInfo.InvariantCulture);
                Assert.Equal(counts.GetValueOrDefault(segId), int.Parse(row[2], CultureInfo.InvariantCulture));
                Assert.Equal(counts.GetValueOrDefault(segId) * Grid.VoxelVolume, double.Parse(row[3], CultureInfo.InvariantCulture), 1);
            }
        }
    }

    [Fact]
    public void Aparc_stats_grey_volumes_equal_the_parcel_counts_of_aparc_aseg_mgz()
    {
        var layout = Cohort.Value.Layout;
        var s = Cohort.Value.Subjects[0];
        using var aparc = VolumeFile.Read(layout.AparcAseg(s.Spec.Id));
        var counts = new Dictionary<int, int>();
        foreach (var v in aparc.Data) counts[(int)v] = counts.GetValueOrDefault((int)v) + 1;
        foreach (var (hemisphere, offset) in new[] { (0, 1000), (1, 2000) })
        {
            var rows = StatsRows(layout.AparcStats(s.Spec.Id, hemisphere));
            Assert.Equal(34, rows.Count);
            foreach (var row in rows)
            {
                var parcel = CorticalParcels.All.Single(p => p.Name == row[0]);
                var volume = counts.GetValueOrDefault(offset + parcel.Index) * Grid.VoxelVolume;
                Assert.Equal(Math.Round(volume), double.Parse(row[3], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void The_truth_file_records_the_subjects_age_and_ground_truth_counts()
    {
        var s = Cohort.Value.Subjects[1];
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Cohort.Value.Layout.Truth(s.Spec.Id)));
        var root = json.RootElement;

        Assert.Equal(s.Spec.Age, root.GetProperty("age").GetDouble());
        Assert.Equal(s.AgeEffectMask.Count(b => b == 1), root.GetProperty("age_effect_voxels").GetInt32());
        Assert.Equal(s.Lesions.Count, root.GetProperty("lesions").GetInt32());
        Assert.Equal(34, root.GetProperty("cortical_thinning_mm").EnumerateObject().Count());
    }

    private static void AssertImage(string path, SimulatedSubject s, float[] expected, VoxelType type)
    {
        using var v = VolumeFile.Read(path);
        Assert.Equal([s.Grid.Nx, s.Grid.Ny, s.Grid.Nz], v.Shape);
        Assert.Equal(type, v.DataType);
        Assert.Equal("LIA", Orientation.AxisCodes(v));
        var affine = v.Affine.ToArray();
        for (var n = 0; n < 16; n++) Assert.Equal(s.Affine[n], affine[n]);
        Assert.True(v.Data.SequenceEqual(expected), $"{Path.GetFileName(path)}: voxels differ from the simulation");
    }

    /// <summary>The table rows of a FreeSurfer stats file, split on whitespace.</summary>
    internal static List<string[]> StatsRows(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Simulation;

namespace RelevanceRelated.Client.Commands;

/// <summary><c>simulate --subjects N --seed S --out DIR [--age-range 20:80] [--voxel-size 1] [--flair-own-grid]</c>: a synthetic
/// cohort with ground truth, its template space (per-subject affines, FA maps, atlases) and FreeSurfer stats.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var subjects = new Option<int>("--subjects") { Description = "Number of subjects to simulate", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives byte-identical files", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output directory (a BIDS-like tree)", Required = true };
        var ages = new Option<string>("--age-range") { Description = "Ages drawn uniformly from MIN:MAX years", DefaultValueFactory = _ => "20:80" };
        var voxel = new Option<double>("--voxel-size") { Description = "Voxel size in mm (1 gives 176x200x208; 2 is quick)", DefaultValueFactory = _ => 1.0 };
        var flairOwnGrid = new Option<bool>("--flair-own-grid")
        {
            Description = "Write each FLAIR and lesion map on the FLAIR's own grid (the head moved between scans) with the FLAIR->T1 transform under derivatives/transforms",
        };
        var command = new Command("simulate",
            "Simulate a cohort with known ageing effects: T1w/FLAIR, FreeSurfer aseg/aparc+aseg and stats (DK, DKT40, Destrieux), lesion probability maps, "
            + "the true PVS, lesion and age-effect masks, a template space with per-subject affines, FA maps and atlases (JHU-like tracts, basal ganglia)");
        command.Options.Add(subjects);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(ages);
        command.Options.Add(voxel);
        command.Options.Add(flairOwnGrid);
        command.SetAction(parseResult =>
        {
            var (minAge, maxAge) = ParseAgeRange(parseResult.GetValue(ages)!);
            var grid = new SimulationGrid(parseResult.GetValue(voxel));
            var participants = CohortSimulator.Participants(parseResult.GetValue(subjects), parseResult.GetValue(seed), minAge, maxAge);
            var layout = new BidsLayout(parseResult.GetValue(output)!);
            var writer = parseResult.InvocationConfiguration.Output;
            var clock = Stopwatch.StartNew();
            CohortSimulator.Write(participants, grid, layout, s => writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Spec.Id}  age {s.Spec.Age,5:F1}  sex {(s.Spec.Sex == Sex.Male ? 'M' : 'F')}  PVS {s.PvsTubes.Count,3}  lesions {s.Lesions.Count,2}  age-effect voxels {s.AgeEffectMask.Count(b => b != 0)}")),
                parseResult.GetValue(flairOwnGrid));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"simulated {participants.Count} subject(s) on a {grid.Nx}x{grid.Ny}x{grid.Nz} grid at {grid.VoxelSize} mm in {clock.Elapsed.TotalSeconds:F1} s into {layout.Root}"));
            writer.WriteLine($"template {TemplateSpace.Name}: atlases in {layout.Atlases} (configuration: {layout.AtlasConfig}); submit with --transforms {layout.Transforms} --fa {layout.FaMaps} --template {TemplateSpace.Name}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses "MIN:MAX" (years).</summary>
    internal static (double Min, double Max) ParseAgeRange(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max)
            && min >= 0 && max <= 120 && min <= max)
            return (min, max);
        throw new InvalidInputException($"--age-range: expected MIN:MAX in years with 0 <= MIN <= MAX <= 120 (e.g. 20:80), got '{text}'");
    }
}

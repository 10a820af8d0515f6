using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Demo;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Client.Commands;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// A simulated cohort ready to run: subjects simulated at 2 mm under <c>DIRECTORY/data</c>, the demo brain-age model
/// built or reused under <c>[paths].models</c>, and the configuration that uses both (artifacts under
/// <c>DIRECTORY/artifacts</c>). The <c>demo</c> verb runs it; the scale benchmark records its results.
/// </summary>
public sealed record DemoCohort(RelevanceRelatedConfig Config, IReadOnlyList<SubjectSubmission> Submissions)
{
    public static DemoCohort Prepare(ParseResult parseResult, RelevanceRelatedConfig baseConfig, string directory, int count, int seed, TextWriter writer)
    {
        var clock = Stopwatch.StartNew();
        var data = Path.Combine(directory, "data");
        var layout = new BidsLayout(Path.Combine(data, "bids"));
        var participants = CohortSimulator.Participants(count, seed);
        CohortSimulator.Write(participants, SimulationGrid.TwoMillimetre, layout);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulated {count} subject(s) at 2 mm into {layout.Root} ({clock.Elapsed.TotalSeconds:F1} s)"));

        var demoToml = DemoModel.EnsureBuilt(baseConfig.Paths.Models, log: writer.WriteLine);
        var configDirectory = parseResult.GetValue(ConfigOptions.ConfigDirectory) ?? ConfigurationLoader.FindDirectory(Directory.GetCurrentDirectory());
        var config = ConfigurationLoader.Load(configDirectory, [.. parseResult.GetValue(ConfigOptions.ExtraFiles) ?? [], demoToml]).Config;
        config = config with
        {
            Paths = config.Paths with { Data = data, Artifacts = Path.Combine(directory, "artifacts"), Results = Path.Combine(directory, "results") },
            // The demo's only sub-ensemble reads T1, so the lesion analysis relates T1 relevance (the original: FLAIR's).
            Params = config.Params with { Wml = config.Params.Wml with { Relevance = RelevanceSequence.T1 } },
        };
        writer.WriteLine($"models: {string.Join(", ", config.Models.Keys)} ({demoToml})");
        return new DemoCohort(config, ParticipantsFile.Read(layout.Participants, layout.Root, Path.Combine(layout.Root, "derivatives", "freesurfer"),
            Path.Combine(layout.Root, "derivatives", "lesions")));
    }
}

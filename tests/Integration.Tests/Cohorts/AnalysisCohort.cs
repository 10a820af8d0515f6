using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// A small simulated cohort (4 mm voxels, FreeSurfer derivatives) with a TOML configuration holding a tiny builder
/// brain-age model, for running the production analysis stages.
/// </summary>
public sealed record AnalysisCohort(RelevanceRelatedConfig Config, string ConfigFile, string ArtifactsRoot, ImmutableArray<SubjectSubmission> Submissions)
{
    public const string Model = "tiny_t1";

    /// <param name="extraToml">Further configuration, e.g. a <c>[params.wml]</c> section.</param>
    public static AnalysisCohort Create(int subjects, string extraToml = "")
    {
        var root = TestData.NewTempDirectory("rr-stages");
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var artifacts = Path.Combine(root, "artifacts");
        var layout = new BidsLayout(Path.Combine(data, "bids"));
        var participants = CohortSimulator.Participants(subjects, seed: 5);
        CohortSimulator.Write(participants, new SimulationGrid(4), layout);

        var toml = Path.Combine(root, "stages.toml");
        File.WriteAllText(toml, $"""
            [paths]
            data = "{data}"
            artifacts = "{artifacts}"

            """ + TinyBrainAgeModel.Write(root, Model) + "\n" + extraToml);
        var config = ConfigurationLoader.Load(Path.Combine(TestData.RepositoryRoot, "configs"), [toml]).Config;
        var submissions = participants.Select(p => new SubjectSubmission(p.Id,
            new SubjectInputs(layout.T1w(p.Id), layout.Flair(p.Id), layout.LesionProbability(p.Id), layout.FreeSurfer(p.Id)),
            new Covariates(p.Age, p.Sex.ToString()))).ToImmutableArray();
        return new AnalysisCohort(config, toml, artifacts, submissions);
    }

    public Task<TestSilo> StartAsync() => TestSilo.StartAsync(new ClusterSettings
    {
        Mode = ClusterMode.Embedded,
        SiloName = "stages",
        SiloPort = TestSilo.FreePort(),
        GatewayPort = TestSilo.FreePort(),
        HealthPort = 0,
        Accelerator = AcceleratorMetadata.Cpu,
    }, silo => silo.AddCohortService(Config));

    /// <summary>A PostgreSQL-backed silo of <paramref name="clusterId"/> running the production stages.</summary>
    public Task<TestSilo> StartPostgresAsync(string connectionString, string clusterId, string name, string accelerator, AcceleratorPolicy placement) =>
        TestSilo.StartPostgresAsync(connectionString, clusterId, name, accelerator, placement, silo => silo.AddCohortService(Config));
}

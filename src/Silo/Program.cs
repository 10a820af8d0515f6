using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Hosting;

// The silo host. Settings, later layers winning: the TOML [cluster] section (--config-dir DIR, else
// $RELEVANCERELATED_CONFIG_DIR, else the nearest configs/), then environment variables, then the command line.
// Runs until SIGTERM/Ctrl+C, when the silo leaves the cluster gracefully within the shutdown timeout.
// The [paths] section says where the cohort service finds inputs and keeps artifacts.
IHost host;
try
{
    var configDirectory = SiloConfigurationFiles.FindDirectory(args)
        ?? throw new InvalidInputException("no configuration found: run from the repository (configs/config.toml), pass --config-dir DIR, or set $RELEVANCERELATED_CONFIG_DIR.");
    var config = ConfigurationLoader.Load(configDirectory).Config;
    var overrides = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
    host = SiloHost.Build(ClusterSettingsReader.FromConfiguration(overrides, config.Cluster), args, silo => silo.AddCohortService(config));
}
catch (InvalidInputException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
await host.RunAsync();
return 0;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Silo;

// The silo host. Settings, later layers winning: the TOML [cluster] section (--config-dir DIR, else
// $RELEVANCERELATED_CONFIG_DIR, else the nearest configs/), then environment variables, then the command line.
// Runs until SIGTERM/Ctrl+C, when the silo leaves the cluster gracefully within the shutdown timeout.
IHost host;
try
{
    var configuration = new ConfigurationBuilder();
    if (SiloConfigurationFiles.FindDirectory(args) is { } configDirectory)
        configuration.AddInMemoryCollection(ClusterSettings.ConfigurationValues(ConfigurationLoader.Load(configDirectory).Config.Cluster));
    configuration.AddEnvironmentVariables().AddCommandLine(args);
    host = SiloHost.Build(ClusterSettings.FromConfiguration(configuration.Build()), args);
}
catch (InvalidInputException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
await host.RunAsync();
return 0;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RelevanceRelated.Analysis;
using RelevanceRelated.Silo;

// The silo host: settings from configuration (environment variables, command line), then run until
// SIGTERM/Ctrl+C, when the silo leaves the cluster gracefully within the shutdown timeout.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
ClusterSettings settings;
try
{
    settings = ClusterSettings.FromConfiguration(configuration);
}
catch (InvalidInputException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
await SiloHost.Build(settings, args).RunAsync();
return 0;

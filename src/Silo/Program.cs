using Microsoft.Extensions.Hosting;

// The silo host. Today: a single embedded silo (localhost clustering, in-memory grain storage).
// PostgreSQL clustering, storage and reminders, silo metadata and telemetry arrive with the service issue.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    silo.AddMemoryGrainStorageAsDefault();
});
await builder.Build().RunAsync();

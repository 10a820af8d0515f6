using System.Diagnostics;
using System.Reflection;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Deploy.Tests.Docker;
using RelevanceRelated.Deploy.Tests.LocalCluster;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Deploy.Tests.Security;

/// <summary>
/// The silo program as an operator starts it: in postgres mode without TLS it refuses ports beyond loopback, unless
/// told <c>allow_insecure</c>, and then says loudly what is exposed.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SiloStartupSecurityTests
{
    private static string Configuration =>
        typeof(SiloStartupSecurityTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The silo and console built alongside this test assembly.</summary>
    private static string SiloDll => Path.Combine(TestData.RepositoryRoot, "src", "Silo", "bin", Configuration, "net10.0", "RelevanceRelated.Silo.dll");

    private static string ConsoleDll => Path.Combine(TestData.RepositoryRoot, "src", "Client", "bin", Configuration, "net10.0", "relevancerelated.dll");

    private static Dictionary<string, string> PublicPostgresSilo(string connectionString) => new()
    {
        [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.Mode)] = "postgres",
        [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.ConnectionString)] = connectionString,
        [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.ClusterId)] = $"s{Guid.NewGuid():N}"[..12],
        [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.BindAddress)] = "0.0.0.0",
        [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.AdvertisedAddress)] = "127.0.0.1",
        [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.SiloPort)] = FreePorts.Next().ToString(),
        [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.GatewayPort)] = FreePorts.Next().ToString(),
        [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.HealthPort)] = FreePorts.Next().ToString(),
        [ClusterSettingsReader.AcceleratorEnvironmentVariable] = "cpu",
        [ConfigurationLoader.DirectoryEnvironmentVariable] = Path.Combine(TestData.RepositoryRoot, "configs"),
    };

    [Fact]
    public async Task A_postgres_silo_without_TLS_on_every_interface_exits_2_and_says_how_to_fix_it()
    {
        // The database is never reached: the check comes first.
        var environment = PublicPostgresSilo("Host=127.0.0.1;Port=1;Database=none;Username=nobody");

        await using var silo = SiloProcess.Start("dotnet", [SiloDll], TestData.NewTempDirectory("rr-silo-insecure"), environment);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("refusing to start: TLS is off", silo.Output);
        Assert.Contains("on 0.0.0.0", silo.Output);
        Assert.Contains("cluster.allow_insecure (RelevanceRelated__Cluster__AllowInsecure) = true", silo.Output);
        Assert.DoesNotContain("Port=1", silo.Output);
    }

    [Fact]
    public async Task Allow_insecure_starts_the_silo_and_warns_loudly_about_what_it_exposes()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await InitialiseSchemaAsync(database.ConnectionString);
        var environment = PublicPostgresSilo(database.ConnectionString);
        environment[ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.AllowInsecure)] = "true";

        await using var silo = SiloProcess.Start("dotnet", [SiloDll], TestData.NewTempDirectory("rr-silo-insecure"), environment);
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        var exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(0, exitCode);
        Assert.Contains("SECURITY WARNING", silo.Output);
        Assert.Contains($"gateway port {environment[ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.GatewayPort)]} on 0.0.0.0", silo.Output);
    }

    private static async Task InitialiseSchemaAsync(string connectionString)
    {
        var start = new ProcessStartInfo("dotnet", [ConsoleDll, "db", "init", "--connection", connectionString])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"db init failed: {await output}{await error}");
    }

}

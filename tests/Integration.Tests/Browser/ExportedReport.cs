using RelevanceRelated.Client;
using RelevanceRelated.Contracts;
using RelevanceRelated.Integration.Tests.Cohorts;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Browser;

/// <summary>A three-subject cohort analysed on an embedded silo and exported with the console's <c>export</c> verb, as a user would.</summary>
public sealed class ExportedReport : IAsyncLifetime
{
    public const string Cohort = "browsed";

    public AnalysisCohort Setup { get; } = AnalysisCohort.Create(subjects: 3);

    public string Directory { get; } = Path.Combine(TestData.NewTempDirectory("rr-browse"), "out");

    public string Url(string page, string? fragment = null) =>
        new Uri(Path.Combine(Directory, page)).AbsoluteUri + (fragment is null ? "" : "#" + Uri.EscapeDataString(fragment));

    public async ValueTask InitializeAsync()
    {
        await using var silo = await Setup.StartAsync();
        await silo.Grains.GetGrain<ICohortGrain>(Cohort).Submit(Setup.Submissions);
        await CohortSilos.WaitForCompletionAsync(silo.Grains.GetGrain<ICohortGrain>(Cohort), TimeSpan.FromMinutes(2));
        var config = Path.Combine(TestData.NewTempDirectory("rr-browse-config"), "cluster.toml");
        File.WriteAllText(config, $"[cluster]\ngateway_port = {silo.Settings.GatewayPort}\n[paths]\nartifacts = \"{Setup.Config.Paths.Artifacts}\"\n");
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = CommandRunner.Run(ConsoleCommands.CreateRoot(),
            ["export", Cohort, "--out", Directory, "--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--config", config], output, error);
        if (exitCode != 0) throw new InvalidOperationException($"export failed ({exitCode}): {output}{error}");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

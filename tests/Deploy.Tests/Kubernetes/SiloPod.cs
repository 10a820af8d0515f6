using Microsoft.Extensions.Configuration;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Hosting;
using YamlDotNet.RepresentationModel;

namespace RelevanceRelated.Deploy.Tests.Kubernetes;

/// <summary>A silo workload's pod template, its silo container and the settings the silo would read from it.</summary>
public sealed class SiloPod(Manifest workload)
{
    /// <summary>Stand-ins for values Kubernetes fills in at run time (downward API, Secrets).</summary>
    public const string PodName = "silo-test-0";
    public const string PodIp = "10.244.1.17";
    public const string SecretValue = "Host=db;Database=relevancerelated;Username=u;Password=p";

    public Manifest Workload { get; } = workload;

    public YamlMappingNode Spec => Workload.Root.Map("spec").Map("template").Map("spec");

    public YamlMappingNode Container => Spec.Seq("containers").Maps().Single(c => c.Scalar("name") == "silo");

    public IReadOnlyList<YamlMappingNode> Env => Container.Seq("env").Maps().ToList();

    public YamlMappingNode EnvEntry(string name) => Env.Single(e => e.Scalar("name") == name);

    public int ContainerPort(string name) =>
        int.Parse(Container.Seq("ports").Maps().Single(p => p.Scalar("name") == name).Scalar("containerPort"));

    /// <summary>The pod's environment as the silo sees it, with run-time values replaced by stand-ins.</summary>
    public IReadOnlyDictionary<string, string> ResolvedEnvironment() => Env.ToDictionary(
        e => e.Scalar("name"),
        e => e.OptionalScalar("value") ?? ValueFrom(e.Map("valueFrom")));

    /// <summary>The settings the production code reads from this environment (as AddEnvironmentVariables maps it).</summary>
    public ClusterSettings Settings() => ClusterSettingsReader.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(ResolvedEnvironment().Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":"), kv.Value)))
        .Build());

    private static string ValueFrom(YamlMappingNode valueFrom)
    {
        if (valueFrom.Get("fieldRef") is YamlMappingNode field)
            return field.Scalar("fieldPath") switch
            {
                "metadata.name" => PodName,
                "status.podIP" => PodIp,
                var other => throw new InvalidOperationException($"unexpected downward API field {other}"),
            };
        if (valueFrom.Get("secretKeyRef") is not null) return SecretValue;
        throw new InvalidOperationException($"unexpected valueFrom at {valueFrom.Start}");
    }
}

using RelevanceRelated.Tests;
using YamlDotNet.RepresentationModel;

namespace RelevanceRelated.Deploy.Tests.Kubernetes;

/// <summary>One object of a manifest file.</summary>
public sealed record Manifest(string File, YamlMappingNode Root)
{
    public string Kind => Root.Scalar("kind");

    public string Name => Root.Map("metadata").Scalar("name");

    public override string ToString() => $"{Kind}/{Name} ({Path.GetFileName(File)})";
}

/// <summary>Every object in deploy/k8s/*.yaml, parsed with YamlDotNet.</summary>
public static class Manifests
{
    public static readonly string Directory = Path.Combine(TestData.RepositoryRoot, "deploy", "k8s");

    public static IReadOnlyList<Manifest> All { get; } = Load();

    public static IEnumerable<Manifest> OfKind(string kind) => All.Where(m => m.Kind == kind);

    public static Manifest Single(string kind, string name) => All.Single(m => m.Kind == kind && m.Name == name);

    /// <summary>The silo pods: StatefulSets (or Deployments) whose pods carry the component label "silo".</summary>
    public static IEnumerable<Manifest> SiloWorkloads => All.Where(m =>
        m.Kind is "StatefulSet" or "Deployment"
        && m.Root.Map("spec").Map("template").Map("metadata").Map("labels").Scalar("app.kubernetes.io/component") == "silo");

    private static IReadOnlyList<Manifest> Load()
    {
        var manifests = new List<Manifest>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file)) stream.Load(reader);
            foreach (var document in stream.Documents)
                if (document.RootNode is YamlMappingNode root) manifests.Add(new Manifest(file, root));
        }
        return manifests;
    }
}

/// <summary>Navigation that fails with the missing key's name rather than a null reference.</summary>
public static class YamlNavigation
{
    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlMappingNode node, string key) =>
        node.Get(key) as YamlMappingNode ?? throw new KeyNotFoundException($"mapping '{key}' not found at {node.Start}");

    public static YamlSequenceNode Seq(this YamlMappingNode node, string key) =>
        node.Get(key) as YamlSequenceNode ?? throw new KeyNotFoundException($"sequence '{key}' not found at {node.Start}");

    public static string Scalar(this YamlMappingNode node, string key) =>
        (node.Get(key) as YamlScalarNode)?.Value ?? throw new KeyNotFoundException($"scalar '{key}' not found at {node.Start}");

    public static string? OptionalScalar(this YamlMappingNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Maps(this YamlSequenceNode node) => node.Children.Cast<YamlMappingNode>();
}

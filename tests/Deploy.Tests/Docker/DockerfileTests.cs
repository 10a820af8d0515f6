using System.Diagnostics;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Deploy.Tests.Docker;

/// <summary>deploy/docker: what can be checked without Docker.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> SiloDockerfiles() => new("silo.Dockerfile", "silo-cuda.Dockerfile");

    private static readonly HashSet<string> SiloVariables = ClusterSettings.Keys.All.Select(ClusterSettings.EnvironmentVariable)
        .Append(ClusterSettingsReader.AcceleratorEnvironmentVariable)
        .Append(ConfigurationLoader.DirectoryEnvironmentVariable)
        .ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(SiloDockerfiles))]
    public void Silo_images_set_only_variables_the_silo_reads_and_expose_its_ports(string name)
    {
        var dockerfile = Dockerfile.Load(name);
        var ours = dockerfile.Environment.Keys.Where(k => k.StartsWith("RelevanceRelated", StringComparison.Ordinal) || k.StartsWith("Orleans", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(ours);
        Assert.All(ours, k => Assert.Contains(k, SiloVariables));
        var settings = SiloProcess.Settings(dockerfile.Environment);
        Assert.Equal(new[] { settings.SiloPort, settings.GatewayPort, settings.HealthPort }.Order(), dockerfile.ExposedPorts.Order());
    }

    [Theory]
    [MemberData(nameof(SiloDockerfiles))]
    public void Silo_images_run_the_published_silo_assembly(string name)
    {
        var dockerfile = Dockerfile.Load(name);

        Assert.Equal(["dotnet", "RelevanceRelated.Silo.dll"], dockerfile.Entrypoint);
        Assert.Equal(PublishedSilo.ImageAppDirectory, dockerfile.WorkDirectory);
    }

    [Theory]
    [InlineData("silo.Dockerfile", "src/Silo/Silo.csproj")]
    [InlineData("silo-cuda.Dockerfile", "src/Silo/Silo.csproj")]
    [InlineData("console.Dockerfile", "src/Client/Client.csproj")]
    public void The_restore_layer_copies_every_project_the_published_one_references(string name, string project)
    {
        var build = Dockerfile.Load(name).Stage("build");
        var restore = build.First(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var copiedBeforeRestore = build.TakeWhile(i => i != restore).Where(i => i.Keyword == "COPY")
            .Select(i => i.Arguments.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

        foreach (var reference in ProjectClosure(project))
            Assert.True(copiedBeforeRestore.Contains(reference), $"{name} restores {project} without first copying {reference}");
    }

    /// <summary>A project and every project it references, transitively, as repository-relative paths.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current)) continue;
            var full = Path.Combine(RelevanceRelated.Tests.TestData.RepositoryRoot, current);
            foreach (var reference in System.Xml.Linq.XDocument.Load(full).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RelevanceRelated.Tests.TestData.RepositoryRoot, path).Replace('\\', '/'));
            }
        }
        return seen;
    }

    [Fact]
    public void The_cuda_image_states_onnx_runtimes_cuda_and_cudnn_requirements()
    {
        var text = File.ReadAllText(Dockerfile.Load("silo-cuda.Dockerfile").Path);

        Assert.Contains("ONNX Runtime 1.31", text);
        Assert.Contains("libcudart.so.13", text);
        Assert.Contains("cuDNN 9", text);
        Assert.Contains("cudnn-runtime", text);
    }

    [Fact]
    public void The_console_image_runs_the_console()
    {
        Assert.Equal(["dotnet", "relevancerelated.dll"], Dockerfile.Load("console.Dockerfile").Entrypoint);
    }
}

/// <summary>The published silo started the way the image starts it.</summary>
[Collection(ProcessCollection.Name)]
public sealed class PublishedSiloTests(PublishedSilo published) : IClassFixture<PublishedSilo>
{
    [Fact]
    public async Task The_published_silo_starts_from_the_image_command_line_turns_healthy_and_stops_cleanly_on_SIGTERM()
    {
        var dockerfile = published.Dockerfile;
        var environment = new Dictionary<string, string>(dockerfile.Environment)
        {
            // The image's defaults, on free ports so that parallel runs do not collide; embedded mode needs no database.
            [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.Mode)] = "embedded",
            [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.SiloPort)] = FreePorts.Next().ToString(),
            [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.GatewayPort)] = FreePorts.Next().ToString(),
            [ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.HealthPort)] = FreePorts.Next().ToString(),
        };
        var entrypoint = dockerfile.Entrypoint;

        await using var silo = SiloProcess.Start(entrypoint[0], entrypoint.Skip(1).ToList(), published.Directory, environment);
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        var exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(0, exitCode);
        Assert.Contains("started in Embedded mode", silo.Output);
    }

}

/// <summary>Tests that start processes, publish or run clusters: one at a time on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "processes";
}

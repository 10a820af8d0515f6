using RelevanceRelated.Analysis.Demo;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Demo;

public sealed class DemoModelTests
{
    [Fact]
    public void Reuses_a_finished_build_without_rebuilding()
    {
        var root = TestData.NewTempDirectory("rr-demo-cache");
        var directory = Path.Combine(root, DemoModel.DirectoryName);
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, DemoModelBuilder.ConfigFileName);
        File.WriteAllText(config, "# cached\n");
        File.WriteAllText(Path.Combine(directory, DemoModelBuilder.MetricsFileName), $"{{\"build_version\": {DemoModelBuilder.BuildVersion}}}\n");

        var path = DemoModel.EnsureBuilt(root, new DemoBuildOptions { TrainingSubjects = 0 });

        Assert.Equal(config, path);
        Assert.Equal("# cached\n", File.ReadAllText(config));
    }

    [Fact]
    public void Rebuilds_when_the_metrics_of_a_finished_build_are_missing()
    {
        var root = TestData.NewTempDirectory("rr-demo-cache");
        var directory = Path.Combine(root, DemoModel.DirectoryName);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, DemoModelBuilder.ConfigFileName), "# interrupted\n");

        // Too few subjects: the rebuild is attempted and refuses, which shows the half-written build was not reused.
        Assert.Throws<InvalidInputException>(() => DemoModel.EnsureBuilt(root, new DemoBuildOptions { TrainingSubjects = 0 }));
    }

    [Fact]
    public void Rebuilds_a_finished_build_of_an_older_design()
    {
        var root = TestData.NewTempDirectory("rr-demo-cache");
        var directory = Path.Combine(root, DemoModel.DirectoryName);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, DemoModelBuilder.ConfigFileName), "# older\n");
        File.WriteAllText(Path.Combine(directory, DemoModelBuilder.MetricsFileName), $"{{\"build_version\": {DemoModelBuilder.BuildVersion - 1}}}\n");

        Assert.Throws<InvalidInputException>(() => DemoModel.EnsureBuilt(root, new DemoBuildOptions { TrainingSubjects = 0 }));
    }
}

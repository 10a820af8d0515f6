using System.CommandLine;

namespace RelevanceRelated.Client.Commands;

/// <summary>The `model` verb group: `model inspect`, `model import-keras`, `model build-demo` and `model build-benchmark`.</summary>
public static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Inspect ONNX models; import Keras models; build the demo brain-age model or a seeded benchmark network.");
        command.Subcommands.Add(ModelInspectCommand.Create());
        command.Subcommands.Add(ModelImportKerasCommand.Create());
        command.Subcommands.Add(ModelBuildDemoCommand.Create());
        command.Subcommands.Add(ModelBuildBenchmarkCommand.Create());
        return command;
    }
}

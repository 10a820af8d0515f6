using System.CommandLine;

namespace RelevanceRelated.Client.Commands;

/// <summary>The `model` verb group: `model inspect`, `model import-keras` and `model build-demo`.</summary>
public static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Inspect ONNX models; import Keras models; build the demo brain-age model.");
        command.Subcommands.Add(ModelInspectCommand.Create());
        command.Subcommands.Add(ModelImportKerasCommand.Create());
        command.Subcommands.Add(ModelBuildDemoCommand.Create());
        return command;
    }
}

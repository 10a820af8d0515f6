using System.CommandLine;

namespace RelevanceRelated.Client.Commands;

/// <summary>The `model` verb group: `model inspect` and `model build-demo`.</summary>
public static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Inspect ONNX models; build the demo brain-age model.");
        command.Subcommands.Add(ModelInspectCommand.Create());
        command.Subcommands.Add(ModelBuildDemoCommand.Create());
        return command;
    }
}

using System.CommandLine;

namespace RelevanceRelated.Client.Commands;

/// <summary>The `model` verb group: `model inspect` (and, later, `model build-demo`).</summary>
public static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Inspect ONNX models.");
        command.Subcommands.Add(ModelInspectCommand.Create());
        return command;
    }
}

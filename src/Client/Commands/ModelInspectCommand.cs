using System.CommandLine;
using System.Text.Json;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Client.Commands;

/// <summary>`model inspect M.onnx [--json]`: inputs/outputs with shapes and layout, operators and their LRP support.</summary>
public static class ModelInspectCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var path = new Argument<string>("model") { Description = "The ONNX model file." };
        var json = new Option<bool>("--json") { Description = "Print the description as JSON." };
        var command = new Command("inspect", "Show a model's inputs, outputs, layout and operators, and whether LRP supports each.");
        command.Arguments.Add(path);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(path)!;
            if (!File.Exists(file)) throw new InvalidInputException($"Model file '{file}' does not exist.");
            var description = ModelDescription.Describe(File.ReadAllBytes(file), file);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(description, Json));
            else Print(description, output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(ModelDescription d, TextWriter output)
    {
        output.WriteLine($"model:   {d.Source}");
        output.WriteLine($"opset:   {d.Opset}    producer: {d.Producer}");
        foreach (var i in d.Inputs) output.WriteLine($"input:   {i.Name} {i.ElementType} [{string.Join(", ", i.Dimensions)}]{(d.Layout is null ? "" : $"  ({d.Layout})")}");
        foreach (var o in d.Outputs) output.WriteLine($"output:  {o.Name} {o.ElementType} [{string.Join(", ", o.Dimensions)}]");
        output.WriteLine("operators:");
        foreach (var op in d.Operators)
            output.WriteLine($"  {op.Operator,-20} ×{op.Count,-4} {(op.Supported ? "supported" : "NOT supported"),-14} {op.Treatment}");
        if (d.Explainable)
        {
            output.WriteLine("LRP:     supported; canonical layers:");
            foreach (var l in d.CanonicalLayers) output.WriteLine($"  {l}");
        }
        else output.WriteLine($"LRP:     not supported: {d.Problem}");
    }
}

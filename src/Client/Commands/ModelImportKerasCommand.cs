using System.CommandLine;
using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai.Keras;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Client.Commands;

/// <summary>`model import-keras M.h5 --out M.onnx [--architecture A.toml] [--json]`: a Keras 2 HDF5 model as ONNX that the LRP engine explains.</summary>
public static class ModelImportKerasCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The Keras HDF5 file: a full model (model.save), or weights only (model.save_weights) with --architecture." };
        var output = new Option<string>("--out") { Description = "The ONNX file to write.", Required = true };
        var architecture = new Option<string?>("--architecture")
        {
            Description = "The model's architecture as TOML (input_shape and [[layers]] with Keras config keys); required for weights-only files.",
        };
        var json = new Option<bool>("--json") { Description = "Print a summary as JSON." };
        var command = new Command("import-keras",
            "Convert a Keras 2 HDF5 model (Sequential or Functional chain of Conv2D/3D, pooling, BatchNormalization, Dense, … layers) to ONNX for prediction and LRP.");
        command.Arguments.Add(model);
        command.Options.Add(output);
        command.Options.Add(architecture);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var imported = KerasImporter.Import(parse.GetValue(model)!, parse.GetValue(architecture));
            var path = parse.GetValue(output)!;
            AtomicFile.Write(path, stream => stream.Write(imported.Onnx));
            var writer = parse.InvocationConfiguration.Output;
            var m = imported.Model;
            if (parse.GetValue(json))
            {
                writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["source"] = imported.Source,
                    ["weights_only"] = imported.WeightsOnly,
                    ["onnx"] = path,
                    ["input_name"] = m.InputName,
                    ["input_shape"] = m.InputShape,
                    ["layout"] = m.Layout == InputLayout.ChannelsLast ? "channels-last" : "channels-first",
                    ["outputs"] = m.OutputShape[^1],
                    ["keras_layers"] = imported.Architecture.Layers.Select(l => new Dictionary<string, string> { ["name"] = l.Name, ["class_name"] = l.ClassName }).ToList(),
                    ["canonical_layers"] = m.Layers.Select(l => l.OpType).ToList(),
                }, Json));
                return ExitCodes.Success;
            }
            writer.WriteLine($"keras:   {imported.Source}{(imported.WeightsOnly ? " (weights only)" : "")}, {imported.Architecture.Layers.Count} layers");
            writer.WriteLine($"onnx:    {path}");
            writer.WriteLine($"input:   {m.InputName} [{string.Join(", ", m.InputShape)}] (channels-last, batch 1)");
            writer.WriteLine($"output:  {m.OutputShape[^1]} unit(s)");
            writer.WriteLine($"LRP:     {m.Layers.Count} canonical layers ({string.Join(", ", m.Layers.Select(l => l.OpType).Distinct())})");
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Client.Commands;

/// <summary><c>config show [--json]</c> and <c>config check [--no-models]</c>.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Show or check the effective configuration");
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Command CreateShow()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: the files read and, per key, its value, file and line" };
        var show = new Command("show", "Print the effective configuration with the file and line each value came from (passwords masked)");
        show.Options.Add(json);
        show.SetAction(parseResult =>
        {
            var loaded = ConfigOptions.Load(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(parseResult.GetValue(json) ? ToJson(loaded) : ToText(loaded));
            return ExitCodes.Success;
        });
        return show;
    }

    private static Command CreateCheck()
    {
        var noModels = new Option<bool>("--no-models") { Description = "Check the keys only; do not open the [models.*] and [pvs_models.*] ONNX files" };
        var check = new Command("check", "Validate the configuration and open every model file against its entry; exit 2 and list every error when it is invalid");
        check.Options.Add(noModels);
        check.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            LoadedConfiguration loaded;
            try
            {
                loaded = ConfigOptions.Load(parseResult);
            }
            catch (ConfigurationException ex)
            {
                foreach (var e in ex.Errors) error.WriteLine(e);
                error.WriteLine($"{ex.Errors.Count} configuration error(s)");
                return ExitCodes.BadInput;
            }
            if (!parseResult.GetValue(noModels))
            {
                // The files open exactly as brainage, pvs and the stages open them, so this refuses what they would.
                var problems = ModelFileCheck.Run(loaded, line => output.WriteLine(line));
                if (problems.Count > 0)
                {
                    foreach (var problem in problems) error.WriteLine(problem);
                    error.WriteLine($"{problems.Count} model entr{(problems.Count == 1 ? "y" : "ies")} refused");
                    return ExitCodes.BadInput;
                }
            }
            output.WriteLine($"configuration OK ({loaded.Entries.Count} keys from {(loaded.Files.Count == 0 ? "built-in defaults" : string.Join(", ", loaded.Files))})");
            return ExitCodes.Success;
        });
        return check;
    }

    private static string ToText(LoadedConfiguration loaded)
    {
        var width = loaded.Entries.Keys.Max(k => k.Length);
        var lines = loaded.Entries.Values
            .OrderBy(e => e.KeyPath, StringComparer.Ordinal)
            .Select(e => $"{e.KeyPath.PadRight(width)} = {ConfigValueText.Format(SecretRedaction.Redact(e.KeyPath, e.Value))}    # {e.Location}");
        return $"# files: {string.Join(", ", loaded.Files)}{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }

    private static string ToJson(LoadedConfiguration loaded)
    {
        var values = new JsonObject();
        foreach (var entry in loaded.Entries.Values.OrderBy(e => e.KeyPath, StringComparer.Ordinal))
            values[entry.KeyPath] = new JsonObject
            {
                ["value"] = ToNode(SecretRedaction.Redact(entry.KeyPath, entry.Value)),
                ["file"] = entry.File,
                ["line"] = entry.Line,
            };
        var root = new JsonObject
        {
            ["files"] = new JsonArray(loaded.Files.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
            ["values"] = values,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode? ToNode(object value) => value switch
    {
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        IReadOnlyList<object> list => new JsonArray(list.Select(ToNode).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };
}

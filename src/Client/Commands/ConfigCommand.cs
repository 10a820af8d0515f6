using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Client.Commands;

/// <summary><c>config show [--json]</c> and <c>config check</c>.</summary>
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
        var check = new Command("check", "Validate the configuration; exit 2 and list every error when it is invalid");
        check.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            try
            {
                var loaded = ConfigOptions.Load(parseResult);
                output.WriteLine($"configuration OK ({loaded.Entries.Count} keys from {string.Join(", ", loaded.Files)})");
                return ExitCodes.Success;
            }
            catch (ConfigurationException ex)
            {
                var error = parseResult.InvocationConfiguration.Error;
                foreach (var e in ex.Errors) error.WriteLine(e);
                error.WriteLine($"{ex.Errors.Count} configuration error(s)");
                return ExitCodes.BadInput;
            }
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

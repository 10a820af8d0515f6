using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// Reads one TOML file into flat <see cref="ConfigEntry"/> values (dotted key paths), keeping the line each value
/// is set on. Uses Tomlyn's syntax tree rather than its object model because the tree keeps source positions.
/// </summary>
public static class TomlFileReader
{
    public static IReadOnlyList<ConfigEntry> Read(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigurationError(file, 0, "(file)", $"cannot be read: {ex.Message}")]);
        }
        return Parse(text, file);
    }

    public static IReadOnlyList<ConfigEntry> Parse(string text, string file)
    {
        var document = SyntaxParser.Parse(text, file, validate: true);
        if (document.HasErrors)
        {
            // Only the first error: the ones after it are usually the parser recovering from it.
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new ConfigurationException([new ConfigurationError(file, first.Span.Start.Line + 1, "(syntax)", $"expected valid TOML: {first.Message}")]);
        }

        var entries = new List<ConfigEntry>();
        var errorsFound = new List<ConfigurationError>();
        foreach (var keyValue in document.KeyValues)
            AddKeyValue(keyValue, prefix: "", file, entries, errorsFound);
        foreach (var table in document.Tables)
        {
            var tablePath = KeyPath(table.Name);
            if (table is TableArraySyntax)
            {
                errorsFound.Add(new ConfigurationError(file, table.Span.Start.Line + 1, tablePath,
                    "expected a table ([name]); arrays of tables ([[name]]) are not used in this configuration"));
                continue;
            }
            foreach (var keyValue in table.Items)
                AddKeyValue(keyValue, tablePath, file, entries, errorsFound);
        }
        if (errorsFound.Count > 0) throw new ConfigurationException(errorsFound);
        return entries;
    }

    private static void AddKeyValue(KeyValueSyntax keyValue, string prefix, string file,
        List<ConfigEntry> entries, List<ConfigurationError> errors)
    {
        var path = Join(prefix, KeyPath(keyValue.Key));
        var line = keyValue.Span.Start.Line + 1;
        if (keyValue.Value is InlineTableSyntax inline)
        {
            foreach (var item in inline.Items)
                if (item.KeyValue is { } nested) AddKeyValue(nested, path, file, entries, errors);
            return;
        }
        var value = ToValue(keyValue.Value);
        if (value is null)
        {
            errors.Add(new ConfigurationError(file, line, path,
                "expected a string, number, boolean or array (dates and nested tables inside arrays are not used)"));
            return;
        }
        entries.Add(new ConfigEntry(path, value, file, line));
    }

    private static object? ToValue(ValueSyntax? syntax) => syntax switch
    {
        StringValueSyntax s => s.Value ?? "",
        IntegerValueSyntax i => i.Value,
        FloatValueSyntax f => f.Value,
        BooleanValueSyntax b => b.Value,
        ArraySyntax a => ToList(a),
        _ => null,
    };

    private static IReadOnlyList<object>? ToList(ArraySyntax array)
    {
        var items = new List<object>();
        foreach (var item in array.Items)
        {
            var value = ToValue(item.Value);
            if (value is null) return null;
            items.Add(value);
        }
        return items;
    }

    private static string KeyPath(KeySyntax? key)
    {
        if (key is null) return "";
        var path = KeyPart(key.Key);
        foreach (var dotted in key.DotKeys) path = Join(path, KeyPart(dotted.Key));
        return path;
    }

    private static string KeyPart(SyntaxNode? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => part?.ToString()?.Trim() ?? "",
    };

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";
}

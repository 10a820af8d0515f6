using System.Globalization;
using System.Text.Json;

namespace RelevanceRelated.Analysis.Xai.Keras;

/// <summary>
/// One layer of a Keras model as its configuration describes it: the class (Conv3D, Dense, …), the name its weights are
/// stored under, and its config object, read with Keras's defaults for absent keys. <see cref="Where"/> says where it
/// was declared (the .h5 file's model_config, or a line of an architecture TOML) for error messages.
/// </summary>
public sealed class KerasLayer(string className, string name, JsonElement config, string where)
{
    public string ClassName { get; } = className;

    public string Name { get; } = name;

    public JsonElement Config { get; } = config;

    public string Where { get; } = where;

    /// <summary>An error about this layer, naming where it was declared.</summary>
    public InvalidInputException Error(string what) => new($"{Where}: layer '{Name}' ({ClassName}): {what}");

    public bool Has(string key) => Config.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null;

    public string String(string key, string fallback)
    {
        if (!Config.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"'{key}' must be a string (got {value}).");
    }

    public bool Bool(string key, bool fallback)
    {
        if (!Config.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"'{key}' must be true or false (got {value})."),
        };
    }

    public double Number(string key, double fallback)
    {
        if (!Config.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Error($"'{key}' must be a number (got {value}).");
    }

    public int Int(string key, int? fallback = null)
    {
        if (!Config.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback ?? throw Error($"'{key}' is missing.");
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : throw Error($"'{key}' must be an integer (got {value}).");
    }

    /// <summary>A size per spatial axis: one integer for all, or a list of <paramref name="rank"/> integers (Keras accepts both).</summary>
    public int[] Ints(string key, int rank, int[]? fallback = null)
    {
        if (!Config.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback ?? throw Error($"'{key}' is missing.");
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var single)) return Enumerable.Repeat(single, rank).ToArray();
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == rank
            && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _)))
            return value.EnumerateArray().Select(v => v.GetInt32()).ToArray();
        throw Error($"'{key}' must be an integer or a list of {rank} integers (got {value}).");
    }

    /// <summary>An activation: a name, or Keras 3's serialised function object whose config is the name.</summary>
    public string Activation(string key = "activation")
    {
        if (!Config.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return "linear";
        if (value.ValueKind == JsonValueKind.String) return value.GetString()!;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("config", out var name) && name.ValueKind == JsonValueKind.String)
            return name.GetString()!;
        throw Error($"'{key}' must be the name of an activation (got {value}).");
    }

    /// <summary>A dtype: a name, or Keras 3's DTypePolicy object.</summary>
    public string DataType(string fallback = "float32")
    {
        if (!Config.TryGetProperty("dtype", out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        if (value.ValueKind == JsonValueKind.String) return value.GetString()!;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            return name.GetString()!;
        throw Error($"'dtype' must be a type name (got {value}).");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({ClassName})");
}

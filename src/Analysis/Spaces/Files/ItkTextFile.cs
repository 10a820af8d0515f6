using System.Globalization;

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// ITK's text transform format: <c>#Insight Transform File V1.0</c>, then per transform <c>Transform: TYPE</c>,
/// <c>Parameters: …</c> and <c>FixedParameters: …</c>. A leading <c>CompositeTransform</c> entry announces that the
/// following transforms are its parts (in queue order).
/// </summary>
public static class ItkTextFile
{
    public const string Magic = "#Insight Transform File";

    /// <summary>The transforms in file order with their type names.</summary>
    /// <exception cref="InvalidInputException">Not an ITK text transform; the message names the file, line and field.</exception>
    public static IReadOnlyList<(ItkTransformName Name, SpatialTransform Transform)> Read(string text, string file)
    {
        var name = Path.GetFileName(file);
        var lines = text.Split('\n');
        var first = lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (first is null || !first.StartsWith(Magic, StringComparison.Ordinal))
            throw new InvalidInputException($"{name}: line 1: expected '{Magic} V1.0', got '{first}'");
        var entries = new List<(ItkTransformName Type, int Line, double[]? P, double[]? F)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon < 0) throw new InvalidInputException($"{name}:{i + 1}: expected 'Key: value', got '{line}'");
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "Transform":
                    entries.Add((ItkTransformName.Parse(value, $"{name}:{i + 1}: Transform"), i + 1, null, null));
                    break;
                case "Parameters" or "FixedParameters":
                    if (entries.Count == 0) throw new InvalidInputException($"{name}:{i + 1}: {key} before any 'Transform:' line");
                    var numbers = Numbers(value, $"{name}:{i + 1}: {key}");
                    var e = entries[^1];
                    entries[^1] = key == "Parameters" ? e with { P = numbers } : e with { F = numbers };
                    break;
                default:
                    throw new InvalidInputException($"{name}:{i + 1}: unknown key '{key}'; expected Transform, Parameters or FixedParameters");
            }
        }
        if (entries.Count == 0) throw new InvalidInputException($"{name}: no 'Transform:' line; the file holds no transform");
        var start = entries[0].Type.Kind == ItkTransformKind.Composite ? 1 : 0;
        var result = new List<(ItkTransformName, SpatialTransform)>();
        foreach (var (type, line, p, f) in entries.Skip(start))
        {
            if (type.Kind == ItkTransformKind.Composite)
                throw new InvalidInputException($"{name}:{line}: a CompositeTransform can only be the first entry");
            if (p is null) throw new InvalidInputException($"{name}:{line}: {type}: no 'Parameters:' line");
            result.Add((type, ItkTransformDecoder.Decode(type, p, f ?? [], $"{name}:{line}")));
        }
        if (result.Count == 0) throw new InvalidInputException($"{name}: the composite holds no transform");
        return result;
    }

    private static double[] Numbers(string text, string where)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new InvalidInputException($"{where}: value {i + 1} '{parts[i]}' is not a number");
        return values;
    }
}

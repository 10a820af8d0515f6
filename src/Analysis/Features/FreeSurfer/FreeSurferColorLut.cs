using System.Globalization;

namespace RelevanceRelated.Analysis.Features.FreeSurfer;

/// <summary>
/// Label code → structure name, as FreeSurferColorLUT.txt numbers them. <see cref="Standard"/> covers aseg,
/// aparc (Desikan-Killiany and DKT, 1000s/2000s) and wmparc (3000s/4000s, 5001/5002) from our own data file
/// (FreeSurferLabels.tsv); <see cref="Read"/> loads a full LUT (code name R G B A) when one is at hand.
/// </summary>
public sealed class FreeSurferColorLut
{
    private readonly Dictionary<int, string> _names;
    private readonly Dictionary<string, int> _codes;

    private FreeSurferColorLut(Dictionary<int, string> names)
    {
        _names = names;
        _codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, name) in names) _codes.TryAdd(name, code);
    }

    public static FreeSurferColorLut Standard { get; } = LoadStandard();

    public IReadOnlyDictionary<int, string> Names => _names;

    /// <summary>The label's name, or <c>label-&lt;code&gt;</c> for a code the table does not know.</summary>
    public string NameOf(int code) => _names.TryGetValue(code, out var name) ? name : $"label-{code}";

    public bool Contains(int code) => _names.ContainsKey(code);

    /// <summary>The code of a structure name (e.g. ctx-lh-cuneus → 1005), or null when the table has no such name.</summary>
    public int? CodeOf(string name) => _codes.TryGetValue(name, out var code) ? code : null;

    /// <summary>Reads a lookup table file: lines of <c>code name [R G B A]</c>; '#' starts a comment.</summary>
    public static FreeSurferColorLut Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"Colour lookup table '{path}' does not exist.");
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>A table of codes and names read from another format (an FSL atlas XML, a BIDS dseg.tsv).</summary>
    /// <exception cref="InvalidInputException">A code appears twice; <paramref name="source"/> names the file.</exception>
    public static FreeSurferColorLut FromNames(IEnumerable<KeyValuePair<int, string>> names, string source)
    {
        var table = new Dictionary<int, string>();
        foreach (var (code, name) in names)
            if (!table.TryAdd(code, name))
                throw new InvalidInputException($"{source}: label code {code} appears twice.");
        return new FreeSurferColorLut(table);
    }

    private static FreeSurferColorLut Parse(TextReader reader, string source)
    {
        var names = new Dictionary<int, string>();
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
                throw new InvalidInputException($"{source}:{number}: expected 'code name [R G B A]', got '{raw.Trim()}'.");
            if (!names.TryAdd(code, fields[1]))
                throw new InvalidInputException($"{source}:{number}: label code {code} appears twice.");
        }
        return new FreeSurferColorLut(names);
    }

    private static FreeSurferColorLut LoadStandard()
    {
        var assembly = typeof(FreeSurferColorLut).Assembly;
        const string resource = "RelevanceRelated.Analysis.Features.FreeSurfer.FreeSurferLabels.tsv";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader, resource);
    }
}

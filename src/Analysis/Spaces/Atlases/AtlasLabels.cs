using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using RelevanceRelated.Analysis.Features.FreeSurfer;

namespace RelevanceRelated.Analysis.Spaces.Atlases;

/// <summary>
/// An atlas's label names, read by file type into the project's one label table (<see cref="FreeSurferColorLut"/>):
/// FSL atlas XML (<c>&lt;label index="…"&gt;name&lt;/label&gt;</c>, e.g. JHU-labels.xml), a FreeSurfer lookup table
/// (<c>FreeSurferColorLUT.txt</c>, <c>.ctab</c>) or a BIDS <c>dseg.tsv</c> (columns <c>index</c> and <c>name</c>).
/// </summary>
public static class AtlasLabels
{
    public const string SupportedExtensions = ".xml (FSL atlas), .txt/.ctab/.lut (FreeSurfer lookup table), .tsv (BIDS dseg)";

    /// <summary>The label table of <paramref name="path"/>. For an FSL XML, codes are the <c>index</c> attributes as
    /// written (the value in a label image; for a probabilistic atlas, the frame number).</summary>
    /// <exception cref="InvalidInputException">Missing or malformed file; the message names the file and line or element.</exception>
    public static FreeSurferColorLut Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: atlas label file not found");
        var lower = path.ToLowerInvariant();
        if (lower.EndsWith(".xml")) return FslXml(path);
        if (lower.EndsWith(".tsv")) return Dseg(path);
        if (lower.EndsWith(".txt") || lower.EndsWith(".ctab") || lower.EndsWith(".lut")) return FreeSurferColorLut.Read(path);
        throw new InvalidInputException($"{Path.GetFileName(path)}: unknown label table extension; expected {SupportedExtensions}");
    }

    private static FreeSurferColorLut FslXml(string path)
    {
        var name = Path.GetFileName(path);
        XDocument document;
        try
        {
            document = XDocument.Load(path, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new InvalidInputException($"{name}: not well-formed XML ({ex.Message})", ex);
        }
        var labels = document.Descendants("label").ToList();
        if (labels.Count == 0) throw new InvalidInputException($"{name}: no <label> elements; expected an FSL atlas description");
        var entries = new List<KeyValuePair<int, string>>();
        foreach (var label in labels)
        {
            var line = ((IXmlLineInfo)label).LineNumber;
            var index = label.Attribute("index")?.Value;
            if (index is null || !int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
                throw new InvalidInputException($"{name}:{line}: <label> needs an integer index attribute, got '{index}'");
            // FSL wraps long names over lines; collapse the whitespace.
            var text = string.Join(' ', label.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length == 0) throw new InvalidInputException($"{name}:{line}: label {code} has no name");
            entries.Add(new(code, text));
        }
        return FreeSurferColorLut.FromNames(entries, name);
    }

    private static FreeSurferColorLut Dseg(string path)
    {
        var name = Path.GetFileName(path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new InvalidInputException($"{name}: empty; a BIDS dseg.tsv has a header with 'index' and 'name'");
        var header = lines[0].Split('\t').Select(h => h.Trim()).ToList();
        var indexColumn = header.IndexOf("index");
        var nameColumn = header.IndexOf("name");
        if (indexColumn < 0 || nameColumn < 0)
            throw new InvalidInputException($"{name}:1: header '{lines[0]}'; a BIDS dseg.tsv needs the columns 'index' and 'name'");
        var entries = new List<KeyValuePair<int, string>>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var fields = lines[i].Split('\t');
            if (fields.Length <= Math.Max(indexColumn, nameColumn))
                throw new InvalidInputException($"{name}:{i + 1}: {fields.Length} columns; the header has {header.Count}");
            if (!int.TryParse(fields[indexColumn].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
                throw new InvalidInputException($"{name}:{i + 1}: index '{fields[indexColumn]}' is not an integer");
            entries.Add(new(code, fields[nameColumn].Trim()));
        }
        return FreeSurferColorLut.FromNames(entries, name);
    }
}

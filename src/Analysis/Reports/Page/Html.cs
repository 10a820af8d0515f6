using System.Net;
using System.Text;

namespace RelevanceRelated.Analysis.Reports.Page;

/// <summary>Small helpers for writing the report's HTML: escaping, safe anchors, data URIs, numeric cells that sort.</summary>
public static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>An element id from any text: letters, digits, '-' and '_' kept, everything else as '.' plus its code.</summary>
    public static string Anchor(string prefix, string text)
    {
        var id = new StringBuilder(prefix);
        foreach (var c in text)
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_') id.Append(c);
            else id.Append('.').Append(((int)c).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        return id.ToString();
    }

    public static string DataUri(string mimeType, byte[] bytes) => $"data:{mimeType};base64,{Convert.ToBase64String(bytes)}";

    /// <summary>A relative path as an href: each segment percent-encoded, so ids with spaces or '#' still link.</summary>
    public static string Href(string relativePath) => string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));

    /// <summary>A table cell holding a number: shown as <paramref name="shown"/>, sorted by the value itself.</summary>
    public static string NumberCell(double? value, string shown) =>
        value is { } v && double.IsFinite(v)
            ? $"<td data-value=\"{v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\">{E(shown)}</td>"
            : "<td data-value=\"\">NA</td>";

    public static string TextCell(string text) => $"<td class=\"text\">{E(text)}</td>";
}

using System.Globalization;
using System.Text;

namespace RelevanceRelated.Analysis;

/// <summary>User-supplied text placed in a message: control characters are shown as escapes, never written raw to a terminal.</summary>
public static class MessageText
{
    /// <summary><paramref name="text"/> with each control character (BEL, ESC, newline, ...) written as <c>\uXXXX</c>.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(char.IsControl)) return text ?? "";
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            if (char.IsControl(c)) escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else escaped.Append(c);
        return escaped.ToString();
    }
}

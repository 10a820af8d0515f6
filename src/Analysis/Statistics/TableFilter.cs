namespace RelevanceRelated.Analysis.Statistics;

/// <summary>A row filter <c>COL=VALUE</c> (the console's --where).</summary>
public sealed record TableFilter(string Column, string Value)
{
    public static TableFilter Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw new InvalidInputException($"--where '{text}': expected COL=VALUE.");
        return new TableFilter(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }
}

namespace RelevanceRelated.Contracts;

/// <summary>Subject grains are keyed <c>cohort/subject</c>; neither part may contain '/'.</summary>
public static class SubjectKey
{
    public static string Of(string cohort, string subjectId) => $"{cohort}/{subjectId}";

    public static (string Cohort, string SubjectId) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1 || key.IndexOf('/', slash + 1) >= 0)
            throw new ArgumentException($"Subject grain key '{key}' is not of the form 'cohort/subject'.", nameof(key));
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>Why <paramref name="name"/> cannot be a cohort name or subject id, or null when it can.</summary>
    public static string? Problem(string name) =>
        string.IsNullOrWhiteSpace(name) ? "is empty"
        : name is "." or ".." ? "is a directory name ('.' or '..'), which files named after it would climb out of"
        : name.Contains('/') ? "contains '/'"
        : name.Trim() != name ? "has leading or trailing spaces"
        : name.Any(char.IsControl) ? "contains a control character"
        : null;

    /// <summary>The name as it may be printed: control characters written as <c>\uXXXX</c>, so a bad id cannot move the cursor or ring the bell.</summary>
    public static string Escape(string name) => RelevanceRelated.Analysis.MessageText.Escape(name);
}

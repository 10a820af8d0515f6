namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// What one configuration key may hold. <see cref="Pattern"/> is a dotted key path in which <c>*</c> stands for
/// one user-chosen name (e.g. <c>models.*.files</c>). <see cref="Accept"/> checks the value beyond its shape
/// (a range, a set of names) and <see cref="Expectation"/> says in words what is accepted. A key with a built-in
/// default (<see cref="BuiltInDefaults"/>) takes it when absent.
/// </summary>
public sealed record KeySpec(string Pattern, ValueKind Kind, string Expectation, bool Required = true, Func<object, bool>? Accept = null)
{
    /// <summary>Whether a configuration that lacks the key is refused (required and without a built-in default).</summary>
    public bool MustBeSet => Required && !BuiltInDefaults.Values.ContainsKey(Pattern);

    public bool Matches(string keyPath)
    {
        var pattern = Pattern.Split('.');
        var key = keyPath.Split('.');
        if (pattern.Length != key.Length) return false;
        for (var i = 0; i < pattern.Length; i++)
            if (pattern[i] != "*" && !string.Equals(pattern[i], key[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>Whether <paramref name="value"/> has this key's shape (before <see cref="Accept"/> is asked).</summary>
    public bool HasShape(object value) => Kind switch
    {
        ValueKind.String or ValueKind.Directory or ValueKind.ExistingDirectory or ValueKind.File => value is string,
        ValueKind.Integer => value is long,
        ValueKind.Number => value is long or double,
        ValueKind.Boolean => value is bool,
        ValueKind.StringList or ValueKind.ExistingFileList => value is IReadOnlyList<object> list && list.All(v => v is string),
        ValueKind.IntegerList => value is IReadOnlyList<object> list && list.All(v => v is long),
        ValueKind.NumberList => value is IReadOnlyList<object> list && list.All(v => v is long or double),
        ValueKind.NumberOrTriple => value is long or double || (value is IReadOnlyList<object> triple && triple.Count == 3 && triple.All(v => v is long or double)),
        _ => false,
    };
}

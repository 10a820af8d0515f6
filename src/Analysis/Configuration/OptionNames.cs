namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// The TOML spellings of an option's values and the enum each one binds to: validation asks <see cref="Contains"/>,
/// binding calls <see cref="Parse"/> once, and anything that writes or describes a configuration uses <see cref="NameOf"/>.
/// </summary>
public sealed class OptionNames<T> where T : struct, Enum
{
    private readonly (string Name, T Value)[] _pairs;

    public OptionNames(params (string Name, T Value)[] pairs)
    {
        if (pairs.Length == 0) throw new ArgumentException("an option needs at least one value", nameof(pairs));
        _pairs = pairs;
    }

    public IReadOnlyList<string> Names => _pairs.Select(p => p.Name).ToArray();

    /// <summary>The names quoted and comma-separated, for expectations in error messages.</summary>
    public string Quoted => string.Join(", ", _pairs.Select(p => $"\"{p.Name}\""));

    /// <summary>Whether a configuration value is one of the names.</summary>
    public bool Contains(object value) => value is string s && _pairs.Any(p => p.Name == s);

    /// <summary>The value a validated name binds to.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/> (validation should have refused it).</exception>
    public T Parse(string name)
    {
        foreach (var (n, v) in _pairs)
            if (n == name) return v;
        throw new ArgumentException($"'{name}' is not one of {Quoted}", nameof(name));
    }

    public string NameOf(T value)
    {
        foreach (var (n, v) in _pairs)
            if (EqualityComparer<T>.Default.Equals(v, value)) return n;
        throw new ArgumentOutOfRangeException(nameof(value), value, "no configuration name");
    }
}

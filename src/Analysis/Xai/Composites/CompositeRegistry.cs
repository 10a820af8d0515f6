namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>Composites by name (iNNvestigate's analyzer names where they exist, zennit's otherwise).</summary>
public static class CompositeRegistry
{
    private static readonly Dictionary<string, Func<CompositeOptions, Composite>> Factories = Build();

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The composite registered under <paramref name="name"/>; unknown names list the known ones.</summary>
    public static Composite Create(string name, CompositeOptions? options = null)
    {
        if (!Factories.TryGetValue(name, out var factory))
            throw new InvalidInputException($"Rule '{name}' is not known; available: {string.Join(", ", Factories.Keys)}.");
        return factory(options ?? new CompositeOptions());
    }

    private static Dictionary<string, Func<CompositeOptions, Composite>> Build()
    {
        var map = new Dictionary<string, Func<CompositeOptions, Composite>>(StringComparer.Ordinal)
        {
            [LrpZComposite.Name] = LrpZComposite.Create,
            [LrpEpsilonComposite.Name] = LrpEpsilonComposite.Create,
            [EpsilonPlusFlatComposite.Name] = EpsilonPlusFlatComposite.Create,
            [EpsilonGammaBoxComposite.Name] = EpsilonGammaBoxComposite.Create,
        };
        foreach (var preset in new[] { SequentialPresetComposite.PresetA, SequentialPresetComposite.PresetB, SequentialPresetComposite.PresetAFlat, SequentialPresetComposite.PresetBFlat })
            map[preset] = o => SequentialPresetComposite.Create(preset, o);
        foreach (var name in UniformComposite.Names)
            map[name] = o => UniformComposite.Create(name, o);
        return map;
    }
}

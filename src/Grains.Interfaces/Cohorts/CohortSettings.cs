using System.Collections.Immutable;

namespace RelevanceRelated.Contracts;

/// <summary>
/// A cohort's configuration version and its analysis parameters (e.g. <c>relevance.rule</c>). A stage's
/// configuration hash covers the parameters it reads, so changing one reruns only the stages that read it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.CohortSettings")]
public sealed record CohortSettings(
    [property: Id(0)] int Version,
    [property: Id(1)] ImmutableSortedDictionary<string, string> Parameters)
{
    public static CohortSettings Initial { get; } = new(1, ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>The parameter's value, or <paramref name="fallback"/> when the cohort does not set it.</summary>
    public string Get(string key, string fallback) => Parameters.TryGetValue(key, out var value) ? value : fallback;
}

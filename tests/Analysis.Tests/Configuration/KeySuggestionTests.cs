using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Tests.Configuration;

public sealed class KeySuggestionTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("alpha", "alpha", 0)]
    [InlineData("ALPHA", "alpha", 0)]
    [InlineData("", "abc", 3)]
    public void Edit_distance_is_levenshtein_ignoring_case(string a, string b, int expected) =>
        Assert.Equal(expected, KeySuggestion.EditDistance(a, b));

    [Fact]
    public void A_key_far_from_every_known_key_gets_no_suggestion() =>
        Assert.Null(KeySuggestion.Nearest("zzzzzzzz", ["params.alpha", "cluster.mode"]));
}

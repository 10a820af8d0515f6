using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Tests.Configuration;

public sealed class SecretRedactionTests
{
    [Theory]
    [InlineData("Host=db;Password=hunter2", "hunter2")]
    [InlineData("Host=db;PWD='a;b=c'", "a;b=c")]
    [InlineData("Host=db;Username=u;password=\"x y\";Database=rr", "x y")]
    public void Passwords_in_connection_strings_are_masked_and_the_rest_kept(string connection, string secret)
    {
        var shown = SecretRedaction.ConnectionString(connection);

        Assert.DoesNotContain(secret, shown);
        Assert.Contains(SecretRedaction.Mask, shown);
        Assert.Contains("host=db", shown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_connection_string_that_cannot_be_parsed_is_masked_whole()
    {
        Assert.Equal(SecretRedaction.Mask, SecretRedaction.ConnectionString("Host=db;Password='unterminated"));
    }

    [Fact]
    public void Only_connection_string_keys_are_touched()
    {
        Assert.Equal("Password=x", SecretRedaction.Redact("params.analyzer_type", "Password=x"));
        Assert.Equal("", SecretRedaction.Redact("cluster.connection_string", ""));
        Assert.Equal(5L, SecretRedaction.Redact("cluster.connection_string", 5L));
    }
}

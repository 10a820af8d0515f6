using System.Text.Json;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

public sealed class ConfigCommandTests
{
    private static readonly string ConfigDirectory = Path.Combine(TestData.RepositoryRoot, "configs");

    [Fact]
    public void Help_lists_the_verbs()
    {
        var result = ConsoleRunner.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("config", result.Output);
    }

    [Fact]
    public void An_unknown_verb_is_bad_usage()
    {
        var result = ConsoleRunner.Run("no-such-verb");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-verb", result.Error);
    }

    [Fact]
    public void Config_check_accepts_the_default_configuration()
    {
        var result = ConsoleRunner.Run("config", "check", "--config-dir", ConfigDirectory);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("configuration OK", result.Output);
    }

    [Fact]
    public void Config_check_exits_2_and_lists_every_error()
    {
        var extra = Path.Combine(TestData.NewTempDirectory(), "bad.toml");
        File.WriteAllText(extra, "[params]\nalpha = 7\n[params.pvs]\nclustersize = 5\n");

        var result = ConsoleRunner.Run("config", "check", "--config-dir", ConfigDirectory, "--config", extra);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{extra}:2: params.alpha: expected a number in (0, 1), got 7", result.Error);
        Assert.Contains($"{extra}:4: params.pvs.clustersize: unknown key; did you mean 'params.pvs.cluster_size'?", result.Error);
        Assert.Contains("2 configuration error(s)", result.Error);
    }

    [Fact]
    public void Config_show_json_gives_each_value_with_its_file_and_line()
    {
        var result = ConsoleRunner.Run("config", "show", "--json", "--config-dir", ConfigDirectory);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var alpha = json.RootElement.GetProperty("values").GetProperty("params.alpha");
        Assert.Equal(0.05, alpha.GetProperty("value").GetDouble());
        Assert.Equal(Path.Combine(ConfigDirectory, "config.toml"), alpha.GetProperty("file").GetString());
        var line = File.ReadAllLines(Path.Combine(ConfigDirectory, "config.toml")).ToList().FindIndex(l => l.StartsWith("alpha")) + 1;
        Assert.Equal(line, alpha.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Config_show_prints_every_key_with_its_origin()
    {
        var result = ConsoleRunner.Run("config", "show", "--config-dir", ConfigDirectory);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"params\.pvs\.cluster_size\s+= 5\s+# .*config\.toml:\d+", result.Output);
    }

    [Fact]
    public void Config_show_masks_the_password_of_the_connection_string_in_text_and_json()
    {
        var extra = Path.Combine(TestData.NewTempDirectory(), "db.config.toml");
        File.WriteAllText(extra, "[cluster]\nmode = \"postgres\"\nconnection_string = \"Host=db;Database=rr;Username=rr;Password=hunter2;SSL Password=keypass\"\n");

        var text = ConsoleRunner.Run("config", "show", "--config-dir", ConfigDirectory, "--config", extra);
        var json = ConsoleRunner.Run("config", "show", "--json", "--config-dir", ConfigDirectory, "--config", extra);

        Assert.Equal((0, 0), (text.ExitCode, json.ExitCode));
        foreach (var output in new[] { text.Output, json.Output })
        {
            Assert.DoesNotContain("hunter2", output);
            Assert.DoesNotContain("keypass", output);
        }
        using var document = JsonDocument.Parse(json.Output);
        var shown = document.RootElement.GetProperty("values").GetProperty("cluster.connection_string").GetProperty("value").GetString()!;
        Assert.Contains("host=db", shown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("password=***", shown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ssl password=***", shown, StringComparison.OrdinalIgnoreCase);
    }
}

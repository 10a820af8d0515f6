using System.Net;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Configuration;

/// <summary>
/// The one <c>[cluster]</c> settings type: bound from TOML into enums and addresses, overridden by
/// <c>RelevanceRelated__Cluster__*</c> values, and refusing to serve cohort data unencrypted beyond loopback.
/// </summary>
public sealed class ClusterSettingsTests
{
    private static readonly string DefaultDirectory = Path.Combine(TestData.RepositoryRoot, "configs");

    private static ClusterSettings Toml(string cluster)
    {
        var dir = TestData.NewTempDirectory("rr-cluster-config");
        File.Copy(Path.Combine(DefaultDirectory, "config.toml"), Path.Combine(dir, "config.toml"));
        File.WriteAllText(Path.Combine(dir, "cluster.config.toml"), "[cluster]\n" + cluster);
        return ConfigurationLoader.Load(dir).Config.Cluster;
    }

    private static ClusterSettings Override(ClusterSettings baseline, params (string Key, string Value)[] values) =>
        ClusterSettingsOverrides.Apply(baseline, key => values.FirstOrDefault(v => v.Key == key).Value);

    private static ClusterSettings Postgres => new() { Mode = ClusterMode.Postgres, ConnectionString = "Host=db;Database=rr" };

    [Fact]
    public void The_shipped_section_binds_to_the_types_defaults()
    {
        var shipped = ConfigurationLoader.Load(DefaultDirectory).Config.Cluster;
        var defaults = new ClusterSettings();

        Assert.Equal(defaults, shipped with { Metadata = defaults.Metadata });
        Assert.Equal(IPAddress.Loopback, shipped.BindAddress);
        Assert.Equal(IPAddress.Loopback, shipped.DashboardBindAddress);
        Assert.False(shipped.AllowInsecure);
    }

    [Fact]
    public void Toml_options_are_parsed_once_into_enums_and_addresses()
    {
        var cluster = Toml("mode = \"postgres\"\nconnection_string = \"Host=db\"\nplacement = \"require\"\nbind_address = \"0.0.0.0\"\n" +
            "advertised_address = \"10.1.2.3\"\nhealth_bind_address = \"10.1.2.3\"\ndashboard_bind_address = \"::1\"\nallow_insecure = true\n");

        Assert.Equal((ClusterMode.Postgres, AcceleratorPolicy.Require), (cluster.Mode, cluster.Placement));
        Assert.Equal(IPAddress.Any, cluster.BindAddress);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), cluster.AdvertisedAddress);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), cluster.EffectiveHealthBindAddress);
        Assert.Equal(IPAddress.IPv6Loopback, cluster.DashboardBindAddress);
        Assert.True(cluster.AllowInsecure);
    }

    [Fact]
    public void The_health_endpoint_listens_on_the_bind_address_unless_told_otherwise()
    {
        Assert.Equal(IPAddress.Any, Toml("bind_address = \"0.0.0.0\"\n").EffectiveHealthBindAddress);
    }

    [Theory]
    [InlineData("bind_address = \"1\"")]
    [InlineData("bind_address = \"localhost\"")]
    [InlineData("advertised_address = \"10.0.0\"")]
    [InlineData("dashboard_bind_address = \"\"")]
    public void An_address_that_is_not_a_full_IP_address_is_refused_naming_the_key(string line)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Toml(line + "\n"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal($"cluster.{line.Split(' ')[0]}", error.KeyPath);
        Assert.Contains("IP address", error.Problem);
    }

    [Fact]
    public void The_ca_file_must_exist_when_tls_is_on()
    {
        var dir = TestData.NewTempDirectory("rr-cluster-ca");
        File.WriteAllBytes(Path.Combine(dir, "silo.pfx"), [0]);

        var ex = Assert.Throws<ConfigurationException>(() =>
            Toml($"tls = true\ntls_certificate = \"{dir}/silo.pfx\"\ntls_ca = \"{dir}/missing-ca.pem\"\n"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("cluster.tls_ca", error.KeyPath);
        Assert.Contains("missing-ca.pem does not exist", error.Problem);
    }

    [Fact]
    public void Environment_values_override_single_toml_values()
    {
        var settings = Override(new ClusterSettings(),
            ("Mode", "postgres"), ("ConnectionString", "Host=db"), ("SiloPort", "12000"), ("BindAddress", "0.0.0.0"), ("TlsCa", "/etc/rr/ca.pem"),
            ("Concurrency", "4"), ("AllowInsecure", "true"), ("Placement", "require"));

        Assert.Equal((ClusterMode.Postgres, "Host=db", 12000, 30000), (settings.Mode, settings.ConnectionString, settings.SiloPort, settings.GatewayPort));
        Assert.Equal((IPAddress.Any, "/etc/rr/ca.pem", 4, true), (settings.BindAddress, settings.TlsCa, settings.Concurrency, settings.AllowInsecure));
        Assert.Equal(AcceleratorPolicy.Require, settings.Placement);
    }

    [Fact]
    public void An_empty_override_keeps_the_toml_value()
    {
        var settings = Override(Postgres, ("ConnectionString", ""), ("Mode", "  "));

        Assert.Equal((ClusterMode.Postgres, "Host=db;Database=rr"), (settings.Mode, settings.ConnectionString));
    }

    [Theory]
    [InlineData("Mode", "kubernetes", "expected one of 'embedded', 'postgres'")]
    [InlineData("Placement", "always", "expected one of 'prefer', 'require'")]
    [InlineData("Placement", "1", "expected one of 'prefer', 'require'")]
    [InlineData("SiloPort", "70000", "from 1 to 65535")]
    [InlineData("BindAddress", "any", "an IP address")]
    [InlineData("Tls", "yes", "'true' or 'false'")]
    public void A_wrong_override_names_its_environment_variable_and_the_expectation(string key, string value, string expectation)
    {
        var ex = Assert.Throws<InvalidInputException>(() => Override(new ClusterSettings(), (key, value)));

        Assert.Contains($"RelevanceRelated__Cluster__{key}", ex.Message);
        Assert.Contains(expectation, ex.Message);
    }

    [Fact]
    public void Postgres_mode_without_a_connection_string_is_refused_naming_both_spellings_of_the_key()
    {
        var ex = Assert.Throws<InvalidInputException>(() => new ClusterSettings { Mode = ClusterMode.Postgres }.Validate());

        Assert.Contains("cluster.connection_string (RelevanceRelated__Cluster__ConnectionString)", ex.Message);
    }

    [Fact]
    public void Tls_in_postgres_mode_needs_a_certificate()
    {
        var missing = Assert.Throws<InvalidInputException>(() => (Postgres with { Tls = true }).Validate());

        Assert.Contains("cluster.tls_certificate (RelevanceRelated__Cluster__TlsCertificate) is required", missing.Message);
    }

    [Fact]
    public void Tls_is_off_in_embedded_mode_even_when_configured()
    {
        var settings = new ClusterSettings { Tls = true };

        Assert.True(settings.Tls);
        Assert.False(settings.UsesTls);
    }

    [Fact]
    public void A_postgres_silo_without_tls_on_a_public_address_refuses_to_start_and_says_what_to_do()
    {
        var settings = Postgres with { BindAddress = IPAddress.Any };

        var ex = Assert.Throws<InvalidInputException>(settings.ValidateListeners);

        Assert.Contains("refusing to start", ex.Message);
        Assert.Contains("silo port 11111 on 0.0.0.0, gateway port 30000 on 0.0.0.0", ex.Message);
        Assert.Contains("cluster.tls (RelevanceRelated__Cluster__Tls)", ex.Message);
        Assert.Contains("cluster.bind_address (RelevanceRelated__Cluster__BindAddress) = \"127.0.0.1\"", ex.Message);
        Assert.Contains("cluster.allow_insecure (RelevanceRelated__Cluster__AllowInsecure) = true", ex.Message);
    }

    [Fact]
    public void A_postgres_silo_without_tls_on_loopback_starts()
    {
        Postgres.ValidateListeners();
        (Postgres with { BindAddress = IPAddress.IPv6Loopback, AdvertisedAddress = IPAddress.IPv6Loopback }).ValidateListeners();
        Assert.Empty(Postgres.InsecureListeners());
    }

    [Fact]
    public void Allow_insecure_lets_a_public_silo_start_without_tls_but_still_lists_what_is_exposed()
    {
        var settings = Postgres with { BindAddress = IPAddress.Any, AllowInsecure = true };

        settings.ValidateListeners();
        Assert.Equal(["silo port 11111 on 0.0.0.0", "gateway port 30000 on 0.0.0.0"], settings.InsecureListeners());
    }

    [Fact]
    public void A_dashboard_on_a_public_address_without_tls_is_refused_in_either_mode()
    {
        var embedded = new ClusterSettings { Dashboard = true, DashboardBindAddress = IPAddress.Any };
        var postgres = Postgres with { Dashboard = true, DashboardBindAddress = IPAddress.Parse("10.1.2.3") };

        Assert.Contains("dashboard port 8080 on 0.0.0.0", Assert.Throws<InvalidInputException>(embedded.ValidateListeners).Message);
        Assert.Contains("dashboard port 8080 on 10.1.2.3", Assert.Throws<InvalidInputException>(postgres.ValidateListeners).Message);
        (embedded with { DashboardBindAddress = IPAddress.Loopback }).ValidateListeners();
    }

    [Fact]
    public void A_silo_bound_to_loopback_cannot_advertise_an_address_others_would_use()
    {
        var ex = Assert.Throws<InvalidInputException>((Postgres with { AdvertisedAddress = IPAddress.Parse("10.1.2.3") }).ValidateListeners);

        Assert.Contains("could not reach this silo", ex.Message);
    }

    [Fact]
    public void Ports_must_be_distinct()
    {
        Assert.Throws<InvalidInputException>((new ClusterSettings { SiloPort = 30000 }).ValidateListeners);
        Assert.Throws<InvalidInputException>((new ClusterSettings { HealthPort = 11111 }).ValidateListeners);
        Assert.Throws<InvalidInputException>((new ClusterSettings { Dashboard = true, DashboardPort = 8081 }).ValidateListeners);
    }

    [Fact]
    public void Environment_variable_names_follow_the_configuration_section_and_toml_names_the_keys()
    {
        Assert.Equal("RelevanceRelated__Cluster__SiloPort", ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.SiloPort));
        Assert.Equal("tls_certificate_password_env", ClusterSettings.Keys.TomlName(ClusterSettings.Keys.TlsCertificatePasswordEnv));
        Assert.Null(ClusterSettings.Keys.TomlName(ClusterSettings.Keys.ClusterId));
        var schema = ConfigSchema.Keys.Where(k => k.Pattern.StartsWith("cluster.", StringComparison.Ordinal)).Select(k => k.Pattern[8..]).Order();
        Assert.Equal(schema, ClusterSettings.Keys.All.Select(ClusterSettings.Keys.TomlName).OfType<string>().Order());
    }
}

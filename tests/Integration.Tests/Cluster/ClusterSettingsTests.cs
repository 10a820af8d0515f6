using System.Net;
using Microsoft.Extensions.Configuration;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Silo;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary>Silo settings as they arrive from environment variables (RelevanceRelated__Cluster__Mode → RelevanceRelated:Cluster:Mode).</summary>
public sealed class ClusterSettingsTests
{
    private static ClusterSettings Read(params (string Key, string Value)[] values) =>
        ClusterSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Without_settings_a_silo_is_embedded_prefers_gpus_and_detects_its_accelerator()
    {
        var settings = Read();

        Assert.Equal(ClusterMode.Embedded, settings.Mode);
        Assert.Equal(AcceleratorPolicy.Prefer, settings.Placement);
        Assert.Null(settings.Accelerator);
    }

    [Fact]
    public void Postgres_mode_reads_connection_ports_address_policy_and_metadata()
    {
        var settings = Read(
            ("RelevanceRelated:Cluster:Mode", "postgres"),
            ("RelevanceRelated:Cluster:ConnectionString", "Host=db;Database=rr"),
            ("RelevanceRelated:Cluster:SiloPort", "11112"),
            ("RelevanceRelated:Cluster:GatewayPort", "30001"),
            ("RelevanceRelated:Cluster:HealthPort", "8081"),
            ("RelevanceRelated:Cluster:AdvertisedAddress", "10.1.2.3"),
            ("RelevanceRelated:Cluster:Placement", "require"),
            ("Orleans:Metadata:hardware.accelerator", "gpu"),
            ("Orleans:Metadata:zone", "rack-4"));

        Assert.Equal(ClusterMode.Postgres, settings.Mode);
        Assert.Equal("Host=db;Database=rr", settings.ConnectionString);
        Assert.Equal((11112, 30001, 8081), (settings.SiloPort, settings.GatewayPort, settings.HealthPort));
        Assert.Equal(IPAddress.Parse("10.1.2.3"), settings.AdvertisedAddress);
        Assert.Equal(AcceleratorPolicy.Require, settings.Placement);
        Assert.Equal("gpu", settings.Accelerator);
        Assert.Equal("rack-4", settings.Metadata["zone"]);
    }

    [Theory]
    [InlineData("RelevanceRelated:Cluster:Mode", "kubernetes", "expected one of 'embedded', 'postgres'")]
    [InlineData("RelevanceRelated:Cluster:Placement", "always", "expected one of 'prefer', 'require'")]
    [InlineData("RelevanceRelated:Cluster:SiloPort", "70000", "from 1 to 65535")]
    [InlineData("Orleans:Metadata:hardware.accelerator", "tpu", "expected 'gpu' or 'cpu'")]
    public void A_wrong_value_is_reported_with_its_key_and_the_expectation(string key, string value, string expectation)
    {
        var ex = Assert.Throws<InvalidInputException>(() => Read((key, value)));

        Assert.Contains(key, ex.Message);
        Assert.Contains(expectation, ex.Message);
    }

    [Fact]
    public void Postgres_mode_without_a_connection_string_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Read(("RelevanceRelated:Cluster:Mode", "postgres")));

        Assert.Contains("RelevanceRelated:Cluster:ConnectionString", ex.Message);
    }

    [Fact]
    public void A_configured_accelerator_is_taken_without_probing()
    {
        Assert.Equal(new AcceleratorProbe("gpu", "set in configuration"), AcceleratorDetector.Resolve("gpu"));
    }

    [Fact]
    public void The_toml_cluster_section_sets_mode_connection_placement_and_ports()
    {
        var toml = new ClusterConfig("postgres", "Host=db;Database=rr", "require", Concurrency: 0,
            SiloPort: 11112, GatewayPort: 30001, HealthPort: 0, Dashboard: false, DashboardPort: 8080);

        var settings = ClusterSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(ClusterSettings.ConfigurationValues(toml))
            .AddInMemoryCollection([new("Orleans:Metadata:hardware.accelerator", "gpu"), new("RelevanceRelated:Cluster:SiloName", "gpu-0")])
            .Build());

        Assert.Equal((ClusterMode.Postgres, "Host=db;Database=rr", AcceleratorPolicy.Require), (settings.Mode, settings.ConnectionString, settings.Placement));
        Assert.Equal((11112, 30001, 0), (settings.SiloPort, settings.GatewayPort, settings.HealthPort));
        Assert.Equal(("gpu", "gpu-0"), (settings.Accelerator, settings.SiloName));
    }

    [Fact]
    public void Environment_values_override_the_toml_cluster_section()
    {
        var toml = new ClusterConfig("embedded", "", "prefer", Concurrency: 0,
            SiloPort: 11111, GatewayPort: 30000, HealthPort: 8081, Dashboard: false, DashboardPort: 8080);

        var settings = ClusterSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(ClusterSettings.ConfigurationValues(toml))
            .AddInMemoryCollection([new("RelevanceRelated:Cluster:Mode", "postgres"), new("RelevanceRelated:Cluster:ConnectionString", "Host=db"), new("RelevanceRelated:Cluster:SiloPort", "12000")])
            .Build());

        Assert.Equal((ClusterMode.Postgres, "Host=db", 12000, 30000), (settings.Mode, settings.ConnectionString, settings.SiloPort, settings.GatewayPort));
    }

    [Fact]
    public void Tls_in_postgres_mode_needs_a_certificate_file_that_exists()
    {
        var missing = Assert.Throws<InvalidInputException>(() => Read(
            ("RelevanceRelated:Cluster:Mode", "postgres"), ("RelevanceRelated:Cluster:ConnectionString", "Host=db"),
            ("RelevanceRelated:Cluster:Tls", "true")));
        var absent = Assert.Throws<InvalidInputException>(() => Read(
            ("RelevanceRelated:Cluster:Mode", "postgres"), ("RelevanceRelated:Cluster:ConnectionString", "Host=db"),
            ("RelevanceRelated:Cluster:Tls", "true"), ("RelevanceRelated:Cluster:TlsCertificate", "/no/such/cluster.pfx")));

        Assert.Contains("RelevanceRelated:Cluster:TlsCertificate is required", missing.Message);
        Assert.Contains("/no/such/cluster.pfx", absent.Message);
    }

    [Fact]
    public void Tls_is_off_in_embedded_mode_even_when_configured()
    {
        var settings = Read(("RelevanceRelated:Cluster:Tls", "true"));

        Assert.True(settings.Tls);
        Assert.False(settings.UsesTls);
    }

    [Fact]
    public void Environment_variable_names_follow_the_configuration_section()
    {
        Assert.Equal("RelevanceRelated__Cluster__SiloPort", ClusterSettings.EnvironmentVariable(ClusterSettings.Keys.SiloPort));
        Assert.Equal("Orleans__Metadata__hardware.accelerator", ClusterSettings.AcceleratorEnvironmentVariable);
    }
}

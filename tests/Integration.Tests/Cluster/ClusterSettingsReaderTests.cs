using System.Net;
using Microsoft.Extensions.Configuration;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary>A silo's settings as they arrive from environment variables (RelevanceRelated__Cluster__Mode → RelevanceRelated:Cluster:Mode) over the TOML section.</summary>
public sealed class ClusterSettingsReaderTests
{
    private static ClusterSettings Read(ClusterSettings? toml, params (string Key, string Value)[] values) =>
        ClusterSettingsReader.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build(), toml);

    [Fact]
    public void Without_settings_a_silo_is_embedded_on_loopback_prefers_gpus_and_detects_its_accelerator()
    {
        var settings = Read(null);

        Assert.Equal(ClusterMode.Embedded, settings.Mode);
        Assert.Equal(AcceleratorPolicy.Prefer, settings.Placement);
        Assert.Equal(IPAddress.Loopback, settings.BindAddress);
        Assert.Null(settings.Accelerator);
    }

    [Fact]
    public void Postgres_mode_reads_connection_ports_addresses_policy_and_metadata()
    {
        var settings = Read(null,
            ("RelevanceRelated:Cluster:Mode", "postgres"),
            ("RelevanceRelated:Cluster:ConnectionString", "Host=db;Database=rr"),
            ("RelevanceRelated:Cluster:SiloPort", "11112"),
            ("RelevanceRelated:Cluster:GatewayPort", "30001"),
            ("RelevanceRelated:Cluster:HealthPort", "8081"),
            ("RelevanceRelated:Cluster:BindAddress", "0.0.0.0"),
            ("RelevanceRelated:Cluster:AdvertisedAddress", "10.1.2.3"),
            ("RelevanceRelated:Cluster:Placement", "require"),
            ("Orleans:Metadata:hardware.accelerator", "gpu"),
            ("Orleans:Metadata:zone", "rack-4"));

        Assert.Equal(ClusterMode.Postgres, settings.Mode);
        Assert.Equal("Host=db;Database=rr", settings.ConnectionString);
        Assert.Equal((11112, 30001, 8081), (settings.SiloPort, settings.GatewayPort, settings.HealthPort));
        Assert.Equal((IPAddress.Any, IPAddress.Parse("10.1.2.3")), (settings.BindAddress, settings.AdvertisedAddress));
        Assert.Equal(AcceleratorPolicy.Require, settings.Placement);
        Assert.Equal("gpu", settings.Accelerator);
        Assert.Equal("rack-4", settings.Metadata["zone"]);
    }

    [Fact]
    public void Environment_values_override_the_toml_cluster_section()
    {
        var toml = new ClusterSettings { Placement = AcceleratorPolicy.Require, HealthPort = 0 };

        var settings = Read(toml,
            ("RelevanceRelated:Cluster:Mode", "postgres"), ("RelevanceRelated:Cluster:ConnectionString", "Host=db"),
            ("RelevanceRelated:Cluster:SiloPort", "12000"), ("Orleans:Metadata:hardware.accelerator", "gpu"), ("RelevanceRelated:Cluster:SiloName", "gpu-0"));

        Assert.Equal((ClusterMode.Postgres, "Host=db", 12000, 30000), (settings.Mode, settings.ConnectionString, settings.SiloPort, settings.GatewayPort));
        Assert.Equal((AcceleratorPolicy.Require, 0), (settings.Placement, settings.HealthPort));
        Assert.Equal(("gpu", "gpu-0"), (settings.Accelerator, settings.SiloName));
    }

    [Theory]
    [InlineData("RelevanceRelated:Cluster:Mode", "kubernetes", "RelevanceRelated__Cluster__Mode", "expected one of 'embedded', 'postgres'")]
    [InlineData("Orleans:Metadata:hardware.accelerator", "tpu", "Orleans__Metadata__hardware.accelerator", "expected 'gpu' or 'cpu'")]
    public void A_wrong_value_is_reported_with_its_variable_and_the_expectation(string key, string value, string variable, string expectation)
    {
        var ex = Assert.Throws<InvalidInputException>(() => Read(null, (key, value)));

        Assert.Contains(variable, ex.Message);
        Assert.Contains(expectation, ex.Message);
    }

    [Fact]
    public void Postgres_mode_without_a_connection_string_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Read(null, ("RelevanceRelated:Cluster:Mode", "postgres")));

        Assert.Contains("RelevanceRelated__Cluster__ConnectionString", ex.Message);
    }

    [Fact]
    public void A_configured_accelerator_is_taken_without_probing()
    {
        Assert.Equal(new AcceleratorProbe("gpu", "set in configuration"), AcceleratorDetector.Resolve("gpu"));
    }

    [Fact]
    public void The_accelerator_variable_follows_the_metadata_section()
    {
        Assert.Equal("Orleans__Metadata__hardware.accelerator", ClusterSettingsReader.AcceleratorEnvironmentVariable);
    }
}

using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Placement;

namespace RelevanceRelated.Silo;

/// <summary>
/// Everything a silo needs to know to start: one record, filled from configuration (environment variables
/// <c>RelevanceRelated__Cluster__*</c> and <c>Orleans__Metadata__*</c>) or from the TOML <c>[cluster]</c> section.
/// </summary>
public sealed record ClusterSettings
{
    public const string Section = "RelevanceRelated:Cluster";
    public const string MetadataSection = "Orleans:Metadata";

    public ClusterMode Mode { get; init; } = ClusterMode.Embedded;

    /// <summary>Npgsql connection string; required in <see cref="ClusterMode.Postgres"/> mode.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; init; } = "relevancerelated";

    /// <summary>Grain state and reminders belong to the service id; keep it stable across deployments.</summary>
    public string ServiceId { get; init; } = "relevancerelated";

    public string? SiloName { get; init; }

    /// <summary>The address other silos and clients use to reach this one (e.g. the pod IP); default: the host's.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>Port of the HTTP health endpoint (<c>/health</c>, <c>/alive</c>); 0 runs no endpoint.</summary>
    public int HealthPort { get; init; } = 8081;

    public AcceleratorPolicy Placement { get; init; } = AcceleratorPolicy.Prefer;

    /// <summary><c>gpu</c> or <c>cpu</c> to declare this silo's accelerator; null detects it at start-up.</summary>
    public string? Accelerator { get; init; }

    /// <summary>Further silo metadata to publish (from <c>Orleans:Metadata</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a stopping silo may take to hand over its grains before the process exits.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads <see cref="Section"/> and <see cref="MetadataSection"/>; a wrong value names its key.</summary>
    /// <exception cref="InvalidInputException">A value cannot be parsed or the combination is incomplete.</exception>
    public static ClusterSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new ClusterSettings();
        var metadata = configuration.GetSection(MetadataSection).GetChildren()
            .Where(c => c.Value is not null && !string.Equals(c.Key, AcceleratorMetadata.Key, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(c => c.Key, c => c.Value!);
        var settings = new ClusterSettings
        {
            Mode = ParseEnum(section, "Mode", defaults.Mode),
            ConnectionString = NullIfEmpty(section["ConnectionString"]),
            ClusterId = NullIfEmpty(section["ClusterId"]) ?? defaults.ClusterId,
            ServiceId = NullIfEmpty(section["ServiceId"]) ?? defaults.ServiceId,
            SiloName = NullIfEmpty(section["SiloName"]),
            AdvertisedAddress = ParseAddress(section, "AdvertisedAddress"),
            SiloPort = ParsePort(section, "SiloPort") ?? defaults.SiloPort,
            GatewayPort = ParsePort(section, "GatewayPort") ?? defaults.GatewayPort,
            HealthPort = ParsePort(section, "HealthPort", allowZero: true) ?? defaults.HealthPort,
            Placement = ParseEnum(section, "Placement", defaults.Placement),
            Accelerator = NullIfEmpty(configuration[$"{MetadataSection}:{AcceleratorMetadata.Key}"]),
            Metadata = metadata,
            ShutdownTimeout = section["ShutdownTimeoutSeconds"] is { Length: > 0 } s
                ? TimeSpan.FromSeconds(ParseInt(s, $"{Section}:ShutdownTimeoutSeconds", 1, 3600))
                : defaults.ShutdownTimeout,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>
    /// The TOML <c>[cluster]</c> section (already validated by the configuration loader) as configuration values
    /// under <see cref="Section"/>. Layer them below environment variables and the command line, so that a
    /// deployment (e.g. a Kubernetes pod's environment) overrides the shared configuration file.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> ConfigurationValues(ClusterConfig cluster) =>
    [
        new($"{Section}:Mode", cluster.Mode),
        new($"{Section}:ConnectionString", cluster.ConnectionString),
        new($"{Section}:Placement", cluster.Placement),
        new($"{Section}:SiloPort", cluster.SiloPort.ToString(CultureInfo.InvariantCulture)),
        new($"{Section}:GatewayPort", cluster.GatewayPort.ToString(CultureInfo.InvariantCulture)),
        new($"{Section}:HealthPort", cluster.HealthPort.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <exception cref="InvalidInputException">The settings cannot start a silo.</exception>
    public void Validate()
    {
        if (Mode == ClusterMode.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidInputException(
                $"{Section}:ConnectionString is required when {Section}:Mode is 'postgres' (an Npgsql connection string).");
        if (Accelerator is not null && Accelerator is not (AcceleratorMetadata.Gpu or AcceleratorMetadata.Cpu))
            throw new InvalidInputException(
                $"{MetadataSection}:{AcceleratorMetadata.Key} is '{Accelerator}'; expected '{AcceleratorMetadata.Gpu}' or '{AcceleratorMetadata.Cpu}' (or unset to detect).");
        if (SiloPort == GatewayPort)
            throw new InvalidInputException($"{Section}:SiloPort and {Section}:GatewayPort must differ (both are {SiloPort}).");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T ParseEnum<T>(IConfigurationSection section, string key, T fallback) where T : struct, Enum
    {
        var raw = NullIfEmpty(section[key]);
        if (raw is null) return fallback;
        if (Enum.TryParse<T>(raw, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(raw[0])) return value;
        var expected = string.Join(", ", Enum.GetNames<T>().Select(n => $"'{n.ToLowerInvariant()}'"));
        throw new InvalidInputException($"{Section}:{key} is '{raw}'; expected one of {expected}.");
    }

    private static int? ParsePort(IConfigurationSection section, string key, bool allowZero = false)
    {
        var raw = NullIfEmpty(section[key]);
        return raw is null ? null : ParseInt(raw, $"{Section}:{key}", allowZero ? 0 : 1, 65535);
    }

    private static int ParseInt(string raw, string key, int min, int max)
    {
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        throw new InvalidInputException($"{key} is '{raw}'; expected a whole number from {min} to {max}.");
    }

    private static IPAddress? ParseAddress(IConfigurationSection section, string key)
    {
        var raw = NullIfEmpty(section[key]);
        if (raw is null) return null;
        return IPAddress.TryParse(raw, out var address)
            ? address
            : throw new InvalidInputException($"{Section}:{key} is '{raw}'; expected an IP address (e.g. the pod IP).");
    }
}

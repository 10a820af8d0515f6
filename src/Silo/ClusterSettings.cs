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

    /// <summary>The names of the settings under <see cref="Section"/> (also the suffixes of their environment variables).</summary>
    public static class Keys
    {
        public const string Mode = "Mode";
        public const string ConnectionString = "ConnectionString";
        public const string ClusterId = "ClusterId";
        public const string ServiceId = "ServiceId";
        public const string SiloName = "SiloName";
        public const string AdvertisedAddress = "AdvertisedAddress";
        public const string SiloPort = "SiloPort";
        public const string GatewayPort = "GatewayPort";
        public const string HealthPort = "HealthPort";
        public const string Placement = "Placement";
        public const string ShutdownTimeoutSeconds = "ShutdownTimeoutSeconds";
        public const string Tls = "Tls";
        public const string TlsCertificate = "TlsCertificate";
        public const string TlsCertificatePasswordEnv = "TlsCertificatePasswordEnv";
        public const string Dashboard = "Dashboard";
        public const string DashboardPort = "DashboardPort";

        public static readonly IReadOnlyList<string> All =
        [
            Mode, ConnectionString, ClusterId, ServiceId, SiloName, AdvertisedAddress, SiloPort, GatewayPort, HealthPort,
            Placement, ShutdownTimeoutSeconds, Tls, TlsCertificate, TlsCertificatePasswordEnv, Dashboard, DashboardPort,
        ];
    }

    /// <summary>The environment variable that sets <paramref name="key"/> (one of <see cref="Keys"/>), e.g. <c>RelevanceRelated__Cluster__Mode</c>.</summary>
    public static string EnvironmentVariable(string key) => $"{Section.Replace(":", "__", StringComparison.Ordinal)}__{key}";

    /// <summary>The environment variable that declares the silo's accelerator: <c>Orleans__Metadata__hardware.accelerator</c>.</summary>
    public static string AcceleratorEnvironmentVariable =>
        $"{MetadataSection.Replace(":", "__", StringComparison.Ordinal)}__{AcceleratorMetadata.Key}";

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

    /// <summary>TLS on silo-to-silo and client-to-gateway connections (postgres mode; embedded mode ignores it).</summary>
    public bool Tls { get; init; }

    /// <summary>PKCS#12 (PFX) file holding the cluster certificate and its private key; required when <see cref="Tls"/> is on.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>Name of the environment variable holding the PFX password (the password itself never sits in a file).</summary>
    public string? TlsCertificatePasswordEnv { get; init; }

    /// <summary>
    /// Serve the Orleans Dashboard on <see cref="DashboardPort"/>. Off by default: the dashboard has no
    /// authentication and shows grain state, so it must stay inside the cluster's network.
    /// </summary>
    public bool Dashboard { get; init; }

    /// <summary>Port of the dashboard's web page when <see cref="Dashboard"/> is on.</summary>
    public int DashboardPort { get; init; } = 8080;

    /// <summary>Whether this silo actually encrypts its connections: TLS is on and the mode is not embedded.</summary>
    public bool UsesTls => Tls && Mode != ClusterMode.Embedded;

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
            Mode = ParseEnum(section, Keys.Mode, defaults.Mode),
            ConnectionString = NullIfEmpty(section[Keys.ConnectionString]),
            ClusterId = NullIfEmpty(section[Keys.ClusterId]) ?? defaults.ClusterId,
            ServiceId = NullIfEmpty(section[Keys.ServiceId]) ?? defaults.ServiceId,
            SiloName = NullIfEmpty(section[Keys.SiloName]),
            AdvertisedAddress = ParseAddress(section, Keys.AdvertisedAddress),
            SiloPort = ParsePort(section, Keys.SiloPort) ?? defaults.SiloPort,
            GatewayPort = ParsePort(section, Keys.GatewayPort) ?? defaults.GatewayPort,
            HealthPort = ParsePort(section, Keys.HealthPort, allowZero: true) ?? defaults.HealthPort,
            Placement = ParseEnum(section, Keys.Placement, defaults.Placement),
            Accelerator = NullIfEmpty(configuration[$"{MetadataSection}:{AcceleratorMetadata.Key}"]),
            Metadata = metadata,
            ShutdownTimeout = section[Keys.ShutdownTimeoutSeconds] is { Length: > 0 } s
                ? TimeSpan.FromSeconds(ParseInt(s, $"{Section}:{Keys.ShutdownTimeoutSeconds}", 1, 3600))
                : defaults.ShutdownTimeout,
            Tls = ParseBool(section, Keys.Tls) ?? defaults.Tls,
            TlsCertificate = NullIfEmpty(section[Keys.TlsCertificate]),
            TlsCertificatePasswordEnv = NullIfEmpty(section[Keys.TlsCertificatePasswordEnv]),
            Dashboard = ParseBool(section, Keys.Dashboard) ?? defaults.Dashboard,
            DashboardPort = ParsePort(section, Keys.DashboardPort) ?? defaults.DashboardPort,
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
        new($"{Section}:{Keys.Mode}", cluster.Mode),
        new($"{Section}:{Keys.ConnectionString}", cluster.ConnectionString),
        new($"{Section}:{Keys.Placement}", cluster.Placement),
        new($"{Section}:{Keys.SiloPort}", cluster.SiloPort.ToString(CultureInfo.InvariantCulture)),
        new($"{Section}:{Keys.GatewayPort}", cluster.GatewayPort.ToString(CultureInfo.InvariantCulture)),
        new($"{Section}:{Keys.HealthPort}", cluster.HealthPort.ToString(CultureInfo.InvariantCulture)),
        new($"{Section}:{Keys.Tls}", cluster.Tls ? "true" : "false"),
        new($"{Section}:{Keys.TlsCertificate}", cluster.TlsCertificate),
        new($"{Section}:{Keys.TlsCertificatePasswordEnv}", cluster.TlsCertificatePasswordEnv),
        new($"{Section}:{Keys.Dashboard}", cluster.Dashboard ? "true" : "false"),
        new($"{Section}:{Keys.DashboardPort}", cluster.DashboardPort.ToString(CultureInfo.InvariantCulture)),
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
            throw new InvalidInputException($"{Section}:{Keys.SiloPort} and {Section}:{Keys.GatewayPort} must differ (both are {SiloPort}).");
        if (Dashboard && DashboardPort is var port && (port == SiloPort || port == GatewayPort || port == HealthPort))
            throw new InvalidInputException(
                $"{Section}:{Keys.DashboardPort} is {port}, already the silo, gateway or health port; expected a port of its own.");
        if (UsesTls)
        {
            if (TlsCertificate is null)
                throw new InvalidInputException(
                    $"{Section}:{Keys.TlsCertificate} is required when {Section}:{Keys.Tls} is true (a PKCS#12/PFX file with the cluster certificate and its key).");
            if (!File.Exists(TlsCertificate))
                throw new InvalidInputException($"{Section}:{Keys.TlsCertificate} is '{TlsCertificate}', which does not exist; expected a PKCS#12/PFX file.");
        }
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

    private static bool? ParseBool(IConfigurationSection section, string key)
    {
        var raw = NullIfEmpty(section[key]);
        if (raw is null) return null;
        return bool.TryParse(raw, out var value)
            ? value
            : throw new InvalidInputException($"{Section}:{key} is '{raw}'; expected 'true' or 'false'.");
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

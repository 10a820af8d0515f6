using System.Net;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// <c>[cluster]</c>: how the Orleans cluster is formed, where it listens, how it is secured and where inference runs.
/// The one settings type of the silo, the console and the embedded demo silo. The TOML section fills it
/// (<see cref="ConfigurationBinder"/>); a deployment overrides single values with environment variables
/// <c>RelevanceRelated__Cluster__*</c> (<see cref="ClusterSettingsOverrides"/>).
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>The configuration section of the overrides; environment variables spell it <c>RelevanceRelated__Cluster__</c>.</summary>
    public const string Section = "RelevanceRelated:Cluster";

    /// <summary>The names of the settings under <see cref="Section"/> (also the suffixes of their environment variables).</summary>
    public static class Keys
    {
        public const string Mode = "Mode";
        public const string ConnectionString = "ConnectionString";
        public const string ClusterId = "ClusterId";
        public const string ServiceId = "ServiceId";
        public const string SiloName = "SiloName";
        public const string Placement = "Placement";
        public const string Concurrency = "Concurrency";
        public const string BindAddress = "BindAddress";
        public const string AdvertisedAddress = "AdvertisedAddress";
        public const string SiloPort = "SiloPort";
        public const string GatewayPort = "GatewayPort";
        public const string HealthPort = "HealthPort";
        public const string HealthBindAddress = "HealthBindAddress";
        public const string ShutdownTimeoutSeconds = "ShutdownTimeoutSeconds";
        public const string AllowInsecure = "AllowInsecure";
        public const string Tls = "Tls";
        public const string TlsCertificate = "TlsCertificate";
        public const string TlsCertificatePasswordEnv = "TlsCertificatePasswordEnv";
        public const string TlsCa = "TlsCa";
        public const string Dashboard = "Dashboard";
        public const string DashboardPort = "DashboardPort";
        public const string DashboardBindAddress = "DashboardBindAddress";

        public static readonly IReadOnlyList<string> All =
        [
            Mode, ConnectionString, ClusterId, ServiceId, SiloName, Placement, Concurrency, BindAddress, AdvertisedAddress,
            SiloPort, GatewayPort, HealthPort, HealthBindAddress, ShutdownTimeoutSeconds, AllowInsecure, Tls, TlsCertificate,
            TlsCertificatePasswordEnv, TlsCa, Dashboard, DashboardPort, DashboardBindAddress,
        ];

        /// <summary>The key's name in the TOML <c>[cluster]</c> section, or null for settings only the environment sets.</summary>
        public static string? TomlName(string key) => key switch
        {
            ClusterId or ServiceId or SiloName or ShutdownTimeoutSeconds => null,
            _ => string.Concat(key.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}")),
        };
    }

    /// <summary>The environment variable that sets <paramref name="key"/> (one of <see cref="Keys"/>), e.g. <c>RelevanceRelated__Cluster__Mode</c>.</summary>
    public static string EnvironmentVariable(string key) => $"{Section.Replace(":", "__", StringComparison.Ordinal)}__{key}";

    /// <summary>How a message names a setting: its TOML key and its environment variable.</summary>
    public static string Describe(string key) =>
        Keys.TomlName(key) is { } toml ? $"cluster.{toml} ({EnvironmentVariable(key)})" : EnvironmentVariable(key);

    /// <summary>
    /// Parses an IPv4 address in dotted-quad form (<c>10.0.0.5</c>) or an IPv6 address; unlike
    /// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone, it refuses shorthand such as <c>1</c> for 0.0.0.1.
    /// </summary>
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text.Trim(), out var parsed)) return false;
        if (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') != 3) return false;
        address = parsed;
        return true;
    }

    public ClusterMode Mode { get; init; } = ClusterMode.Embedded;

    /// <summary>Npgsql connection string; required in <see cref="ClusterMode.Postgres"/> mode.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; init; } = "relevancerelated";

    /// <summary>Grain state and reminders belong to the service id; keep it stable across deployments.</summary>
    public string ServiceId { get; init; } = "relevancerelated";

    public string? SiloName { get; init; }

    /// <summary>Inference on GPU silos: required, or preferred with a fallback to any silo.</summary>
    public AcceleratorPolicy Placement { get; init; } = AcceleratorPolicy.Prefer;

    /// <summary>Subjects in flight per cohort; 0 = the cluster's inference slots.</summary>
    public int Concurrency { get; init; }

    /// <summary>
    /// The address the silo and gateway ports listen on (postgres mode; embedded mode always uses loopback).
    /// Loopback by default: reaching a cluster from other machines is a decision, taken with TLS on.
    /// </summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The address other silos and clients use to reach this one (e.g. the pod IP); default: the bind address, or the host's when that is a wildcard.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>Port of the HTTP health endpoint (<c>/health</c>, <c>/alive</c>, <c>/metrics</c>); 0 runs no endpoint.</summary>
    public int HealthPort { get; init; } = 8081;

    /// <summary>Where the health endpoint listens; null = <see cref="BindAddress"/>. It serves no cohort data, so TLS does not cover it.</summary>
    public IPAddress? HealthBindAddress { get; init; }

    /// <summary><c>gpu</c> or <c>cpu</c> to declare this silo's accelerator; null detects it at start-up.</summary>
    public string? Accelerator { get; init; }

    /// <summary>Further silo metadata to publish (from <c>Orleans:Metadata</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a stopping silo may take to hand over its grains before the process exits.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Start a postgres-mode silo without TLS although its ports listen beyond loopback. Anyone who reaches those
    /// ports can then read and change every cohort; the silo says so loudly at start-up.
    /// </summary>
    public bool AllowInsecure { get; init; }

    /// <summary>Mutual TLS on silo-to-silo, console-to-gateway and dashboard connections (postgres mode; embedded mode ignores it).</summary>
    public bool Tls { get; init; }

    /// <summary>PKCS#12 (PFX) file with this process's certificate and key: a silo's cluster certificate, or a console's client certificate.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>Name of the environment variable holding the PFX password (the password itself never sits in a file).</summary>
    public string? TlsCertificatePasswordEnv { get; init; }

    /// <summary>
    /// PEM or DER file of the certificate authority that signs silo and console certificates; peers must chain to it.
    /// Null: the own certificate is the only trust anchor (one self-signed certificate shared by every silo and console).
    /// </summary>
    public string? TlsCa { get; init; }

    /// <summary>
    /// Serve the Orleans Dashboard on <see cref="DashboardPort"/>. It shows grain state, so it listens on loopback
    /// unless <see cref="DashboardBindAddress"/> says otherwise, and with TLS on it asks for a client certificate.
    /// </summary>
    public bool Dashboard { get; init; }

    /// <summary>Port of the dashboard's web page when <see cref="Dashboard"/> is on.</summary>
    public int DashboardPort { get; init; } = 8080;

    /// <summary>Where the dashboard listens; loopback by default (reach it with an SSH tunnel or <c>kubectl port-forward</c>).</summary>
    public IPAddress DashboardBindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Whether this silo actually encrypts its connections: TLS is on and the mode is not embedded.</summary>
    public bool UsesTls => Tls && Mode != ClusterMode.Embedded;

    /// <summary>Where the health endpoint listens.</summary>
    public IPAddress EffectiveHealthBindAddress => HealthBindAddress ?? BindAddress;

    /// <summary>
    /// The listeners that serve cohort data unencrypted on an address other machines can reach, in words
    /// (e.g. <c>gateway port 30000 on 0.0.0.0</c>). Empty for a safe configuration.
    /// </summary>
    public IReadOnlyList<string> InsecureListeners()
    {
        var listeners = new List<string>();
        if (Mode == ClusterMode.Postgres && !UsesTls && !IPAddress.IsLoopback(BindAddress))
        {
            listeners.Add($"silo port {SiloPort} on {BindAddress}");
            listeners.Add($"gateway port {GatewayPort} on {BindAddress}");
        }
        if (Dashboard && !UsesTls && !IPAddress.IsLoopback(DashboardBindAddress))
            listeners.Add($"dashboard port {DashboardPort} on {DashboardBindAddress}");
        return listeners;
    }

    /// <summary>What a console and a silo both need: a complete combination of mode, connection string and TLS certificate.</summary>
    /// <exception cref="InvalidInputException">The settings cannot connect to or form a cluster.</exception>
    public void Validate()
    {
        if (Mode == ClusterMode.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidInputException(
                $"{Describe(Keys.ConnectionString)} is required when {Describe(Keys.Mode)} is 'postgres' (an Npgsql connection string).");
        if (!UsesTls) return;
        // The files themselves are checked where they are loaded (the TOML loader, and the TLS set-up at start).
        if (TlsCertificate is null)
            throw new InvalidInputException(
                $"{Describe(Keys.TlsCertificate)} is required when {Describe(Keys.Tls)} is true (a PKCS#12/PFX file with this process's certificate and its key).");
    }

    /// <summary>What a silo needs beyond <see cref="Validate"/>: distinct ports, and no unencrypted data port on a public address unless allowed.</summary>
    /// <exception cref="InvalidInputException">The silo cannot (or must not) listen as configured.</exception>
    public void ValidateListeners()
    {
        Validate();
        if (SiloPort == GatewayPort)
            throw new InvalidInputException($"{Describe(Keys.SiloPort)} and {Describe(Keys.GatewayPort)} must differ (both are {SiloPort}).");
        if (HealthPort != 0 && (HealthPort == SiloPort || HealthPort == GatewayPort))
            throw new InvalidInputException(
                $"{Describe(Keys.HealthPort)} is {HealthPort}, already the silo or gateway port; expected a port of its own.");
        if (Dashboard && DashboardPort is var port && (port == SiloPort || port == GatewayPort || port == HealthPort))
            throw new InvalidInputException(
                $"{Describe(Keys.DashboardPort)} is {port}, already the silo, gateway or health port; expected a port of its own.");
        if (Mode == ClusterMode.Postgres && AdvertisedAddress is { } advertised && IPAddress.IsLoopback(BindAddress) && !IPAddress.IsLoopback(advertised))
            throw new InvalidInputException(
                $"{Describe(Keys.AdvertisedAddress)} is {advertised} but {Describe(Keys.BindAddress)} is {BindAddress}: other silos and consoles " +
                "could not reach this silo. Bind to that address (or 0.0.0.0) with TLS on, or advertise loopback for a one-machine cluster.");
        if (InsecureListeners() is { Count: > 0 } insecure && !AllowInsecure)
            throw new InvalidInputException(
                $"refusing to start: TLS is off ({Describe(Keys.Tls)} = {(Tls ? "true, but embedded mode has no TLS" : "false")}) and {string.Join(", ", insecure)} " +
                "can be reached from other machines, so anyone who reaches them could read and change every cohort. Turn TLS on " +
                $"({Describe(Keys.Tls)}, {Describe(Keys.TlsCertificate)}, {Describe(Keys.TlsCa)}; docs/operations.md, \"Security\"), " +
                $"listen on loopback ({Describe(Keys.BindAddress)} = \"127.0.0.1\", {Describe(Keys.DashboardBindAddress)} = \"127.0.0.1\"), " +
                $"or accept the risk explicitly with {Describe(Keys.AllowInsecure)} = true.");
    }
}

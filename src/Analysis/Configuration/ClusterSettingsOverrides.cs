using System.Globalization;
using System.Net;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// Single <see cref="ClusterSettings"/> values overridden by a deployment: environment variables
/// <c>RelevanceRelated__Cluster__&lt;Key&gt;</c> (or, for a silo, the command line), laid over the TOML <c>[cluster]</c>
/// section so that e.g. a Kubernetes pod's environment wins over the shared configuration file.
/// </summary>
public static class ClusterSettingsOverrides
{
    /// <summary>The overrides found in this process's environment variables.</summary>
    public static Func<string, string?> Environment => key => System.Environment.GetEnvironmentVariable(ClusterSettings.EnvironmentVariable(key));

    /// <summary>
    /// <paramref name="baseline"/> with every key for which <paramref name="value"/> returns a non-blank string replaced by
    /// that value, parsed. An empty value leaves the baseline's, so an unset and an empty variable mean the same.
    /// </summary>
    /// <param name="value">The raw override of a key of <see cref="ClusterSettings.Keys"/>, or null.</param>
    /// <exception cref="InvalidInputException">A value cannot be parsed; the message names its variable and the expectation.</exception>
    public static ClusterSettings Apply(ClusterSettings baseline, Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(value);
        var read = new Reader(value);
        return baseline with
        {
            Mode = read.Enum(ClusterSettings.Keys.Mode, baseline.Mode),
            ConnectionString = read.Text(ClusterSettings.Keys.ConnectionString) ?? baseline.ConnectionString,
            ClusterId = read.Text(ClusterSettings.Keys.ClusterId) ?? baseline.ClusterId,
            ServiceId = read.Text(ClusterSettings.Keys.ServiceId) ?? baseline.ServiceId,
            SiloName = read.Text(ClusterSettings.Keys.SiloName) ?? baseline.SiloName,
            Placement = read.Enum(ClusterSettings.Keys.Placement, baseline.Placement),
            Concurrency = read.Integer(ClusterSettings.Keys.Concurrency, 0, int.MaxValue) ?? baseline.Concurrency,
            BindAddress = read.Address(ClusterSettings.Keys.BindAddress) ?? baseline.BindAddress,
            AdvertisedAddress = read.Address(ClusterSettings.Keys.AdvertisedAddress) ?? baseline.AdvertisedAddress,
            SiloPort = read.Integer(ClusterSettings.Keys.SiloPort, 1, 65535) ?? baseline.SiloPort,
            GatewayPort = read.Integer(ClusterSettings.Keys.GatewayPort, 1, 65535) ?? baseline.GatewayPort,
            HealthPort = read.Integer(ClusterSettings.Keys.HealthPort, 0, 65535) ?? baseline.HealthPort,
            HealthBindAddress = read.Address(ClusterSettings.Keys.HealthBindAddress) ?? baseline.HealthBindAddress,
            ShutdownTimeout = read.Integer(ClusterSettings.Keys.ShutdownTimeoutSeconds, 1, 3600) is { } seconds
                ? TimeSpan.FromSeconds(seconds)
                : baseline.ShutdownTimeout,
            AllowInsecure = read.Boolean(ClusterSettings.Keys.AllowInsecure) ?? baseline.AllowInsecure,
            Tls = read.Boolean(ClusterSettings.Keys.Tls) ?? baseline.Tls,
            TlsCertificate = read.Text(ClusterSettings.Keys.TlsCertificate) ?? baseline.TlsCertificate,
            TlsCertificatePasswordEnv = read.Text(ClusterSettings.Keys.TlsCertificatePasswordEnv) ?? baseline.TlsCertificatePasswordEnv,
            TlsCa = read.Text(ClusterSettings.Keys.TlsCa) ?? baseline.TlsCa,
            Dashboard = read.Boolean(ClusterSettings.Keys.Dashboard) ?? baseline.Dashboard,
            DashboardPort = read.Integer(ClusterSettings.Keys.DashboardPort, 1, 65535) ?? baseline.DashboardPort,
            DashboardBindAddress = read.Address(ClusterSettings.Keys.DashboardBindAddress) ?? baseline.DashboardBindAddress,
        };
    }

    private sealed class Reader(Func<string, string?> value)
    {
        public string? Text(string key) => value(key) is { } raw && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : null;

        public T Enum<T>(string key, T fallback) where T : struct, System.Enum
        {
            var raw = Text(key);
            if (raw is null) return fallback;
            if (System.Enum.TryParse<T>(raw, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsDigit(raw[0])) return parsed;
            var expected = string.Join(", ", System.Enum.GetNames<T>().Select(n => $"'{n.ToLowerInvariant()}'"));
            throw Wrong(key, raw, $"one of {expected}");
        }

        public bool? Boolean(string key)
        {
            var raw = Text(key);
            if (raw is null) return null;
            return bool.TryParse(raw, out var parsed) ? parsed : throw Wrong(key, raw, "'true' or 'false'");
        }

        public int? Integer(string key, int min, int max)
        {
            var raw = Text(key);
            if (raw is null) return null;
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
                ? parsed
                : throw Wrong(key, raw, $"a whole number from {min} to {max}");
        }

        public IPAddress? Address(string key)
        {
            var raw = Text(key);
            if (raw is null) return null;
            return ClusterSettings.TryParseAddress(raw, out var parsed) ? parsed : throw Wrong(key, raw, "an IP address such as 127.0.0.1, 0.0.0.0 or the pod IP");
        }

        private static InvalidInputException Wrong(string key, string raw, string expected) =>
            new($"{ClusterSettings.EnvironmentVariable(key)} is '{raw}'; expected {expected}.");
    }
}

using Microsoft.Extensions.Configuration;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Placement;

namespace RelevanceRelated.Hosting;

/// <summary>
/// A silo's <see cref="ClusterSettings"/>: the TOML <c>[cluster]</c> section overridden by configuration values under
/// <see cref="ClusterSettings.Section"/> (environment variables <c>RelevanceRelated__Cluster__*</c>, the command line),
/// plus the silo metadata under <see cref="MetadataSection"/> (<c>Orleans__Metadata__*</c>), which only a deployment sets.
/// </summary>
public static class ClusterSettingsReader
{
    public const string MetadataSection = "Orleans:Metadata";

    /// <summary>The environment variable that declares the silo's accelerator: <c>Orleans__Metadata__hardware.accelerator</c>.</summary>
    public static string AcceleratorEnvironmentVariable =>
        $"{MetadataSection.Replace(":", "__", StringComparison.Ordinal)}__{AcceleratorMetadata.Key}";

    /// <param name="toml">The TOML section; null reads the overrides over the defaults.</param>
    /// <exception cref="InvalidInputException">A value cannot be parsed or the combination is incomplete; the message names the key.</exception>
    public static ClusterSettings FromConfiguration(IConfiguration configuration, ClusterSettings? toml = null)
    {
        var section = configuration.GetSection(ClusterSettings.Section);
        var metadata = configuration.GetSection(MetadataSection).GetChildren()
            .Where(c => c.Value is not null && !string.Equals(c.Key, AcceleratorMetadata.Key, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(c => c.Key, c => c.Value!);
        var accelerator = configuration[$"{MetadataSection}:{AcceleratorMetadata.Key}"] is { } raw && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : null;
        if (accelerator is not null and not (AcceleratorMetadata.Gpu or AcceleratorMetadata.Cpu))
            throw new InvalidInputException(
                $"{AcceleratorEnvironmentVariable} is '{accelerator}'; expected '{AcceleratorMetadata.Gpu}' or '{AcceleratorMetadata.Cpu}' (or unset to detect).");
        var settings = ClusterSettingsOverrides.Apply(toml ?? new ClusterSettings(), key => section[key]) with
        {
            Accelerator = accelerator ?? toml?.Accelerator,
            Metadata = metadata,
        };
        settings.Validate();
        return settings;
    }
}

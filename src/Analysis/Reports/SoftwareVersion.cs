using System.Reflection;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>The software that produced a report: the assembly's informational version (Directory.Build.props' version and the commit it was built from).</summary>
public static class SoftwareVersion
{
    public const string Product = "RelevanceRelated";

    public static string Current { get; } =
        typeof(SoftwareVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SoftwareVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}

using RelevanceRelated.Contracts;
using System.Reflection;
using System.Text.RegularExpressions;

namespace RelevanceRelated.Hosting.Persistence;

/// <summary>
/// One of our PostgreSQL schema scripts (deploy/sql/*.sql, embedded in this assembly). Its first line names
/// the component it creates and the version it brings that component to:
/// <c>-- relevancerelated-schema: clustering 1</c>.
/// </summary>
public sealed partial record SchemaScript(string FileName, string Component, int Version, string Sql)
{
    private const string ResourcePrefix = "RelevanceRelated.Sql.";

    /// <summary>Every embedded script, in the order they must run (by file name: 000-, 010-, ...).</summary>
    public static IReadOnlyList<SchemaScript> All { get; } = Load();

    private static SchemaScript[] Load()
    {
        var assembly = typeof(SchemaScript).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Parse(n[ResourcePrefix.Length..], ReadResource(assembly, n)))
            .ToArray();
    }

    internal static SchemaScript Parse(string fileName, string sql)
    {
        var header = HeaderPattern().Match(sql);
        if (!header.Success)
            throw new InvalidOperationException(
                $"Schema script {fileName} does not start with '-- relevancerelated-schema: <component> <version>'.");
        return new SchemaScript(fileName, header.Groups["component"].Value, int.Parse(header.Groups["version"].Value), sql);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\A--\s*relevancerelated-schema:\s*(?<component>[a-z_]+)\s+(?<version>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex HeaderPattern();
}

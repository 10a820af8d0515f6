using System.Security.Cryptography;
using System.Text;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Xai.Composites;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// What produced a cohort's results, as the report states it: the cohort's configuration version and its analysis
/// parameters, the brain-age models that ran (each with its recipe), the LRP composite, the PVS method and the
/// thresholds and significance level of the configuration. <see cref="Fingerprint"/> changes whenever any of these
/// does, so two reports of one cohort (before and after <c>reanalyze</c>) can be told apart at a glance.
/// </summary>
public sealed record ReportConfiguration(
    int Version,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<ModelConfig> Models,
    IReadOnlyList<string> UndescribedModels,
    Composite Rule,
    string PvsMethod,
    PvsModelConfig? PvsModel,
    ParamsConfig Params)
{
    /// <summary>The name <c>pvs_model</c> takes for the Frangi filter.</summary>
    public const string Frangi = "frangi";

    /// <param name="config">The configuration the console loaded (models, thresholds, significance level).</param>
    /// <param name="version">The cohort's configuration version (1, raised by each reanalyze).</param>
    /// <param name="parameters">The cohort's parameters as set (shown verbatim).</param>
    /// <param name="rule">The LRP composite the relevance stage used (the cohort's analyzer_type, else <c>[params].analyzer_type</c>).</param>
    /// <param name="models">The models that ran for the cohort; those the console's configuration lacks are named but not described.</param>
    /// <param name="pvsMethod"><see cref="Frangi"/> or a <c>[pvs_models.NAME]</c> (described when the configuration has it).</param>
    /// <exception cref="InvalidInputException">A rule the configuration does not know.</exception>
    public static ReportConfiguration Create(RelevanceRelatedConfig config, int version, IReadOnlyDictionary<string, string> parameters,
        string rule, IReadOnlyList<string> models, string pvsMethod)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(models);
        if (!CompositeRegistry.Names.Contains(rule))
            throw new InvalidInputException($"report: the cohort's analyzer_type '{rule}' is not an LRP composite this software knows (known: {string.Join(", ", CompositeRegistry.Names)}).");
        var known = models.Where(config.Models.ContainsKey).Select(m => config.Models[m]).ToList();
        var unknown = models.Where(m => !config.Models.ContainsKey(m)).ToList();
        var pvsModel = pvsMethod == Frangi ? null : config.PvsModels.GetValueOrDefault(pvsMethod);
        return new ReportConfiguration(version, parameters, known, unknown, CompositeRegistry.Create(rule), pvsMethod, pvsModel, config.Params);
    }

    /// <summary>Every model that ran, described or not, in name order.</summary>
    public IReadOnlyList<string> ModelNames => [.. Models.Select(m => m.Name).Concat(UndescribedModels).Order(StringComparer.Ordinal)];

    /// <summary>The first 12 hex digits of SHA-256 over every setting the report describes.</summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder()
                .Append(Version).Append('\n')
                .AppendJoin('\n', Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")).Append('\n')
                .AppendJoin('\n', Models.Select(m => m.Describe())).Append('\n')
                .AppendJoin(',', UndescribedModels).Append('\n')
                .Append(Rule.Key).Append('\n')
                .Append(PvsMethod).Append('|').AppendJoin(',', PvsModel?.Files ?? []).Append('\n')
                // The record's text names its scalars and nested records; its lists are spelled out after it.
                .Append(Params).Append('\n')
                .AppendJoin(',', Params.SubcorticalRois).Append('|').AppendJoin(',', Params.MriSequences);
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12].ToLowerInvariant();
        }
    }
}

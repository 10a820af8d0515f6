namespace RelevanceRelated.Contracts;

/// <summary>
/// The analysis parameters a cohort may set (<see cref="ICohortGrain.Reconfigure"/>); each is read by one stage, whose
/// configuration hash covers it, so changing it reruns that stage and the ones after it.
/// </summary>
public static class CohortParameters
{
    /// <summary>The LRP composite of the relevance stage (default <c>[params].analyzer_type</c>).</summary>
    public const string AnalyzerType = "analyzer_type";

    /// <summary>Comma-separated <c>[models.NAME]</c> names the brainage stage runs (default: every configured model).</summary>
    public const string BrainAgeModels = "brainage_models";

    /// <summary>The PVS method of the pvs stage: <c>frangi</c> (default) or a <c>[pvs_models.NAME]</c>.</summary>
    public const string PvsModel = "pvs_model";
}

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

    /// <summary>How ingest brings a FLAIR that is not on the T1 grid and has no <c>flair_to_t1</c> transforms onto it:
    /// <c>given</c> (default: refuse) or <c>register</c> (rigid Mattes MI, as antsRegistration <c>Rigid[0.1]</c>); see <see cref="FlairAlignments"/>.</summary>
    public const string FlairAlignment = "flair_alignment";
}

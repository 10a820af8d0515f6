namespace RelevanceRelated.Grains.Inference;

/// <summary>How much model work a silo takes on at once (configuration section <c>RelevanceRelated:Inference</c>).</summary>
public sealed class InferenceOptions
{
    /// <summary>Stages running models at once on this silo, across every cohort (each holds a model's working memory).</summary>
    public int Slots { get; set; } = Cohorts.CohortOptions.DefaultSlotsPerSilo;
}

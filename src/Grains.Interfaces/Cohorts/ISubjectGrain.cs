using Orleans.Concurrency;

namespace RelevanceRelated.Contracts;

/// <summary>
/// One subject of one cohort (key <c>cohort/subject</c>, see <see cref="SubjectKey"/>): its inputs, covariates and a
/// record per stage. Its cohort starts it; what a client can ask of it is its details.
/// </summary>
public interface ISubjectGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<SubjectDetails> GetDetails();
}

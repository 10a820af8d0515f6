namespace RelevanceRelated.Analysis.Demo;

/// <summary>
/// How large a demo model to build. Seed scheme: the training cohort is simulated from seed
/// <c>1 000 000 + 10·Seed + 1</c> and the held-out test cohort from <c>1 000 000 + 10·Seed + 2</c>, so neither
/// overlaps a demo or user cohort simulated with a seed below 1 000 000 (the <c>simulate</c> default is 1).
/// Base model b uses network seed <c>Seed·100 + b</c> for its designed convolutions.
/// </summary>
public sealed record DemoBuildOptions
{
    public const int CohortSeedBase = 1_000_000;

    public int Seed { get; init; } = 1;

    /// <summary>Training subjects: every one fits the base readouts, and their leave-one-out predictions fit the linear head.</summary>
    public int TrainingSubjects { get; init; } = 200;

    public int TestSubjects { get; init; } = 60;

    public int BaseModels { get; init; } = 3;

    public double MinAge { get; init; } = 20;

    public double MaxAge { get; init; } = 80;

    public int TrainingCohortSeed => checked(CohortSeedBase + 10 * Seed + 1);

    public int TestCohortSeed => checked(CohortSeedBase + 10 * Seed + 2);

    public int NetworkSeed(int baseModel) => checked(Seed * 100 + baseModel);
}

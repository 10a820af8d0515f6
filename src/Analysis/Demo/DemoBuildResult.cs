namespace RelevanceRelated.Analysis.Demo;

/// <summary>What <see cref="DemoModelBuilder"/> wrote and how well the written ensemble predicts the held-out test cohort.</summary>
public sealed record DemoBuildResult(
    string ConfigFile,
    string MetricsFile,
    IReadOnlyList<string> ModelFiles,
    double TestMae,
    double TestPearsonR,
    double TrivialMae,
    IReadOnlyList<double> BaseModelTestMae,
    int TrainingSubjects,
    int HeadSubjects,
    int TestSubjects,
    double Seconds);

using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Contracts;

/// <summary><c>brainage</c>: each sub-ensemble that ran, and the ones skipped because the subject lacks their sequence.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.BrainAgeResult")]
public sealed record BrainAgeResult(
    [property: Id(0)] ImmutableArray<BrainAgeModelRun> Models,
    [property: Id(1)] ImmutableArray<SkippedModel> Skipped) : StageResult
{
    public BrainAgeModelRun? Model(string name) => Models.FirstOrDefault(m => m.Prediction.Model == name);

    public override IEnumerable<(string Role, ArtifactReference Artifact)> Artifacts() =>
        Models.SelectMany(m => new[] { ($"{m.Prediction.Model}.input", m.Input), ($"{m.Prediction.Model}.preprocess", m.Preprocess) });
}

/// <summary>
/// One sub-ensemble on one subject: its sequence and head, the predictions (per base model, ensemble, DBA), and the
/// stored model-grid input with its preprocessing record, which the relevance stage explains without preprocessing again.
/// <see cref="Prepared"/>: the input was the subject's prepared model-grid input (not our recipe), and the record is the
/// affine mapping to the native grid.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.BrainAgeModelRun")]
public sealed record BrainAgeModelRun(
    [property: Id(0)] string Sequence,
    [property: Id(1)] string Head,
    [property: Id(2)] BrainAgePrediction Prediction,
    [property: Id(3)] ArtifactReference Input,
    [property: Id(4)] ArtifactReference Preprocess,
    // Left out of the JSON form (hashed by later stages) while false, so runs without prepared inputs hash as before.
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Prepared = false);

/// <summary>A configured model that did not run for the subject, and why.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SkippedModel")]
public sealed record SkippedModel([property: Id(0)] string Model, [property: Id(1)] string Reason);

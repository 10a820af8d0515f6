using System.Text.Json;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Contracts;
using RelevanceRelated.Contracts.Serialization;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// The JSON form of ingest and brain-age results, which later stages' input hashes cover: a subject without transforms,
/// moved images or prepared inputs keeps the form it had before those existed, so upgrading reruns nothing for it.
/// </summary>
public sealed class IngestResultHashTests
{
    private static readonly ArtifactReference Stored = new($"sha256/ab/ab{new string('0', 62)}.nii.gz", "ab" + new string('0', 62), 10);

    [Fact]
    public void An_ingest_result_without_chains_or_moves_has_the_first_versions_JSON_form()
    {
        var result = new IngestResult([new IngestedImage(IngestResult.T1, [2, 2, 2], [1, 1, 1], Stored, "f")]);

        var json = JsonSerializer.Serialize(result, AnalysisRecords.JsonOptions);

        Assert.Equal("{\"Images\":[{\"Role\":\"t1\",\"Shape\":[2,2,2],\"Zooms\":[1,1,1],\"Stored\":" +
            JsonSerializer.Serialize(Stored, AnalysisRecords.JsonOptions) + ",\"SourceFingerprint\":\"f\"}]}", json);
    }

    [Fact]
    public void An_ingest_result_with_a_chain_carries_it_in_its_JSON_form()
    {
        var chain = new IngestedTransformChain(IngestResult.ToTemplate, [new IngestedTransform(Stored, false, "/data/a.mat", "x")]);
        var result = new IngestResult([new IngestedImage(IngestResult.T1, [2, 2, 2], [1, 1, 1], Stored)], [chain], "MNI");

        var json = JsonSerializer.Serialize(result, AnalysisRecords.JsonOptions);

        Assert.Contains("\"Transforms\":[{\"Role\":\"to_template\"", json);
        Assert.Contains("\"Template\":\"MNI\"", json);
    }
}

using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

/// <summary>
/// bert's aparc+aseg.mgz and aseg.mgz with a relevance map equal to each voxel's label code: every label's mean, min and
/// max relevance is its own code and its sum is code × voxel count, so a join of stats rows with label codes is right
/// exactly when those numbers come out. Read once per test class (256³).
/// </summary>
public sealed class BertLabelRelevanceFixture
{
    public IReadOnlyList<RegionRelevance> AparcAseg { get; }
    public IReadOnlyList<RegionRelevance> Aseg { get; }

    public BertLabelRelevanceFixture()
    {
        AparcAseg = CodeAsRelevance(TestData.File("freesurfer", "bert", "mri", "aparc+aseg.mgz"));
        Aseg = CodeAsRelevance(TestData.File("freesurfer", "bert", "mri", "aseg.mgz"));
    }

    private static IReadOnlyList<RegionRelevance> CodeAsRelevance(string path)
    {
        using var labels = VolumeFile.Read(path);
        var codes = RegionalRelevance.ToLabels(labels.Data, path);
        return RegionalRelevance.Compute(labels.Memory, codes);
    }
}

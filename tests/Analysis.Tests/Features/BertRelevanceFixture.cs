using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Features;

/// <summary>
/// bert's aseg.mgz with a hand-made relevance map on its grid whose per-label answers are known in closed form:
/// +1 in Left-Hippocampus (17), −1 in Right-Hippocampus (53), 0 elsewhere; plus a PVS mask (the left hippocampus)
/// and a lesion probability map (0.9 in 17, exactly 0.8 in 53, 0.5 in Left-Amygdala 18, 0 elsewhere).
/// Written once per test class (the volume is 256³).
/// </summary>
public sealed class BertRelevanceFixture : IDisposable
{
    public string Folder { get; } = TestData.NewTempDirectory("rr-features");
    public string AsegPath { get; } = TestData.File("freesurfer", "bert", "mri", "aseg.mgz");
    public string AparcAsegPath { get; } = TestData.File("freesurfer", "bert", "mri", "aparc+aseg.mgz");
    public string RelevancePath => Path.Combine(Folder, "relevance.nii.gz");
    public string PvsMaskPath => Path.Combine(Folder, "pvs.nii.gz");
    public string WmlProbabilityPath => Path.Combine(Folder, "wml.nii.gz");

    public BertRelevanceFixture()
    {
        using var aseg = VolumeFile.Read(AsegPath);
        using var relevance = aseg.CreateLike(VoxelType.Float32);
        using var pvs = aseg.CreateLike(VoxelType.UInt8);
        using var wml = aseg.CreateLike(VoxelType.Float32);
        var labels = aseg.Data;
        var r = relevance.Data;
        var p = pvs.Data;
        var w = wml.Data;
        for (var i = 0; i < labels.Length; i++)
        {
            switch ((int)labels[i])
            {
                case 17: r[i] = 1; p[i] = 1; w[i] = 0.9f; break;
                case 53: r[i] = -1; w[i] = 0.8f; break;
                case 18: w[i] = 0.5f; break;
            }
        }
        VolumeFile.Write(relevance, RelevancePath);
        VolumeFile.Write(pvs, PvsMaskPath);
        VolumeFile.Write(wml, WmlProbabilityPath);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

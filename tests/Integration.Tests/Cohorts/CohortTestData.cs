using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>A data root and artifact store in a fresh temporary directory, with small synthetic NIfTI subjects.</summary>
public sealed class CohortTestData
{
    public CohortTestData()
    {
        var root = RelevanceRelated.Tests.TestData.NewTempDirectory("rr-cohort");
        DataRoot = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        ArtifactsRoot = Path.Combine(root, "artifacts");
    }

    public string DataRoot { get; }

    public string ArtifactsRoot { get; }

    /// <summary>Writes sub-ID/anat/sub-ID_T1w.nii.gz (and a FLAIR on the same grid) filled with <paramref name="intensity"/>.</summary>
    public SubjectSubmission Subject(string id, float intensity = 100, bool flair = false, double age = 60)
    {
        var anat = Directory.CreateDirectory(Path.Combine(DataRoot, id, "anat")).FullName;
        var t1 = Path.Combine(anat, $"{id}_T1w.nii.gz");
        WriteVolume(t1, intensity, Affine.Scaling(2, 2, 2));
        string? flairPath = null;
        if (flair)
        {
            flairPath = Path.Combine(anat, $"{id}_FLAIR.nii.gz");
            WriteVolume(flairPath, intensity / 2, Affine.Scaling(2, 2, 2));
        }
        return new SubjectSubmission(id, new SubjectInputs(t1, flairPath), new Covariates(age, "F"));
    }

    public static void WriteVolume(string path, float intensity, Affine affine, int size = 8)
    {
        var data = new float[size * size * size];
        for (var i = 0; i < data.Length; i++) data[i] = intensity + i % 7;
        using var volume = Volume.FromData(data, [size, size, size], affine);
        VolumeFile.Write(volume, path);
    }
}

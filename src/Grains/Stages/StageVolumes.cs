using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>How the analysis stages move volumes between the artifact store and src/Analysis; volumes never enter grain state.</summary>
public static class StageVolumes
{
    /// <summary>Reads a stored volume after checking its SHA-256 against the reference.</summary>
    public static async Task<Volume> ReadAsync(ArtifactStore store, ArtifactReference reference, CancellationToken cancellationToken) =>
        VolumeFile.Read(await store.GetVerifiedPathAsync(reference, cancellationToken));

    /// <summary>Writes a volume as .nii.gz to a temporary file and moves it into the store.</summary>
    public static async Task<ArtifactReference> StoreAsync(ArtifactStore store, Volume volume, VoxelType type, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"rr-stage-{Guid.NewGuid():N}.nii.gz");
        try
        {
            VolumeFile.Write(volume, temp, type);
            return await store.PutFileAsync(temp, ".nii.gz", cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A FreeSurfer volume (e.g. <c>aseg.mgz</c>) of the subject, when a FreeSurfer directory below the data root is known and holds it.</summary>
    /// <exception cref="InvalidInputException">The volume lies outside the data root (also through a symbolic link).</exception>
    public static string? FreeSurferFile(PipelineOptions options, string? directory, string name)
    {
        if (directory is null) return null;
        var path = DataRoot.Resolve(options.DataRoot, Path.Combine(directory, "mri", name), "FreeSurfer volume");
        return File.Exists(path) ? path : null;
    }
}

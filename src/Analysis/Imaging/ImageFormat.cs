namespace RelevanceRelated.Analysis.Imaging;

/// <summary>The file formats <see cref="VolumeFile"/> reads and writes.</summary>
public enum ImageFormat
{
    Nifti1,
    Nifti2,
    Mgh,
}

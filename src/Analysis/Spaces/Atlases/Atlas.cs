using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Atlases;

/// <summary>
/// An atlas: a label volume (values are labels) or a probability atlas (one frame per structure, or a single map, with
/// a threshold), the names of its labels, and the space it is defined in — the subject's T1 space, or a template such
/// as MNI152NLin2009cAsym that reaches a subject through that subject's template transforms.
/// </summary>
public sealed class Atlas : IDisposable
{
    public Atlas(string name, Volume volume, FreeSurferColorLut labels, string? template, double? threshold, int dilateBy)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (threshold is { } t && !(t is >= 0 and < 1))
            throw new InvalidInputException($"atlas {name}: threshold {t}; expected a probability in [0, 1)");
        if (threshold is null && volume.Frames > 1)
            throw new InvalidInputException($"atlas {name}: the image has {volume.Frames} frames, so it is a probability atlas; give its threshold");
        if (dilateBy < 0) throw new InvalidInputException($"atlas {name}: dilate_by {dilateBy}; expected 0 or more");
        Name = name;
        Volume = volume;
        Labels = labels;
        Template = template;
        Threshold = threshold;
        DilateBy = dilateBy;
    }

    /// <summary>Reads the atlas image and its label table (FreeSurfer's standard names when none is given).</summary>
    /// <param name="template">The template space it is defined in, or null for the subject's T1 space.</param>
    public static Atlas Load(string name, string file, string? labels, string? template, double? threshold, int dilateBy)
    {
        var table = labels is null ? FreeSurferColorLut.Standard : AtlasLabels.Read(labels);
        var volume = VolumeFile.Read(file);
        try
        {
            return new Atlas(name, volume, table, template, threshold, dilateBy);
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    public string Name { get; }
    public Volume Volume { get; }
    public FreeSurferColorLut Labels { get; }

    /// <summary>The template the atlas is defined in; null when it is in the subject's T1 space.</summary>
    public string? Template { get; }

    /// <summary>For a probability atlas: a voxel belongs to a structure where its probability exceeds this after warping
    /// (the original binarises the ATAG basal-ganglia map at 0.05); null for a label atlas.</summary>
    public double? Threshold { get; }

    /// <summary>Dilations (6-connected) of each thresholded structure, as the original dilates the basal-ganglia mask.</summary>
    public int DilateBy { get; }

    public bool IsProbabilistic => Threshold is not null;

    public void Dispose() => Volume.Dispose();
}

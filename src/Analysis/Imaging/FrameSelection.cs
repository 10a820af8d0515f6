namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// The one 3-D image an analysis uses from a file that may hold several frames (4-D and beyond). Taking the first
/// frame without a word hides a wrong input (a time series, a multi-echo or multi-contrast stack), so a file with
/// several frames is refused unless the user named the frame.
/// </summary>
public static class FrameSelection
{
    /// <summary>
    /// <paramref name="image"/> itself when it has one frame; a new 3-D volume holding frame <paramref name="frame"/>
    /// (0-based, as nibabel's <c>img.dataobj[..., k]</c>) when one is chosen from several.
    /// </summary>
    /// <param name="what">The image in the message, e.g. <c>T1 image '/data/sub-1/anat/sub-1_T1w.nii.gz'</c>.</param>
    /// <param name="howToChoose">How the user names a frame, for the message (e.g. "a t1_frame column ...").</param>
    /// <exception cref="InvalidInputException">Several frames and none chosen, or the chosen frame does not exist.</exception>
    public static Volume Select(Volume image, int? frame, string what, string howToChoose)
    {
        ArgumentNullException.ThrowIfNull(image);
        var frames = image.Frames;
        if (frame is { } k && (k < 0 || k >= frames))
            throw new InvalidInputException(
                $"{what} has {frames} frame{(frames == 1 ? "" : "s")} (shape {string.Join("x", image.Shape)}), so frame {k} does not exist; expected 0 to {frames - 1}.");
        if (frames == 1) return image;
        if (frame is not { } chosen)
            throw new InvalidInputException(
                $"{what} has {frames} frames (shape {string.Join("x", image.Shape)}); expected one 3-D image. Say which frame to use (0-based): {howToChoose}.");
        var selected = image.CreateLike(frames: 1);
        image.Frame(chosen).CopyTo(selected.Data);
        return selected;
    }
}

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>What each <see cref="IntensityNormalisation"/> reads and produces, so validation and preprocessing agree.</summary>
public static class Normalisations
{
    /// <summary>Whether the kind clips at <c>clip_percentile</c> first (the min–max and z-score kinds).</summary>
    public static bool Clips(IntensityNormalisation kind) => kind is IntensityNormalisation.Unit or IntensityNormalisation.UnitInverted
        or IntensityNormalisation.UInt8 or IntensityNormalisation.ZScore;

    /// <summary>Whether the kind can feed a uint8 model input (integers in [0, 255]).</summary>
    public static bool FeedsUInt8(IntensityNormalisation kind) => kind is IntensityNormalisation.UInt8 or IntensityNormalisation.Raw;
}

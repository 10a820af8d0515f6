namespace RelevanceRelated.Analysis.Models;

/// <summary>Which tubes the vesselness filter looks for: dark on a brighter background (PVS on T1) or bright (T2-like images).</summary>
public enum VesselPolarity
{
    Dark,
    Bright,
}

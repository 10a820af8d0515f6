namespace RelevanceRelated.Analysis.Simulation;

/// <summary>The tissue classes the contrast model gives an intensity; ventricles and sulci are <see cref="Csf"/>.</summary>
public enum Tissue : byte
{
    Background,
    Scalp,
    Skull,
    Csf,
    CorticalGrey,
    WhiteMatter,
    Thalamus,
    Caudate,
    Putamen,
    Pallidum,
    Hippocampus,
    Amygdala,
    Accumbens,
    BrainStem,
    CerebellumCortex,
    CerebellumWhite,
}

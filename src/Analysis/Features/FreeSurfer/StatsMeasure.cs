namespace RelevanceRelated.Analysis.Features.FreeSurfer;

/// <summary>One <c># Measure structure, name, description, value, unit</c> line of a FreeSurfer .stats file.</summary>
public sealed record StatsMeasure(string Structure, string Name, string Description, double Value, string Unit);

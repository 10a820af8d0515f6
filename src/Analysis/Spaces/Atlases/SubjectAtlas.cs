using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Atlases;

/// <summary>An atlas on a subject's grid: integer labels, their names, and the record of how it was moved.</summary>
public sealed class SubjectAtlas(Volume labels, FreeSurferColorLut names, MoveRecord record) : IDisposable
{
    public Volume Labels { get; } = labels;
    public FreeSurferColorLut Names { get; } = names;
    public MoveRecord Record { get; } = record;

    public void Dispose() => Labels.Dispose();
}

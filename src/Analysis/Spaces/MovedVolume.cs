using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>A volume moved onto a reference grid, with the record of how (<see cref="MoveRecord"/>). Disposing
/// returns the volume's buffer.</summary>
public sealed class MovedVolume(Volume volume, MoveRecord record) : IDisposable
{
    public Volume Volume { get; } = volume;
    public MoveRecord Record { get; } = record;

    public void Dispose() => Volume.Dispose();
}

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>An inclusive voxel box [Min, Max] on each of the three spatial axes.</summary>
public readonly record struct BoundingBox(int MinX, int MinY, int MinZ, int MaxX, int MaxY, int MaxZ)
{
    public int SizeX => MaxX - MinX + 1;
    public int SizeY => MaxY - MinY + 1;
    public int SizeZ => MaxZ - MinZ + 1;

    public int[] Min => [MinX, MinY, MinZ];
    public int[] Size => [SizeX, SizeY, SizeZ];

    public bool Contains(int x, int y, int z) =>
        x >= MinX && x <= MaxX && y >= MinY && y <= MaxY && z >= MinZ && z <= MaxZ;
}

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Voxel neighbourhoods: faces (6), faces and edges (18), faces, edges and corners (26).</summary>
public enum Connectivity
{
    Six = 6,
    Eighteen = 18,
    TwentySix = 26,
}

public static class Connectivities
{
    public static Connectivity Parse(int n) => n switch
    {
        6 => Connectivity.Six,
        18 => Connectivity.Eighteen,
        26 => Connectivity.TwentySix,
        _ => throw new InvalidInputException($"connectivity: {n}; expected 6, 18 or 26"),
    };
}

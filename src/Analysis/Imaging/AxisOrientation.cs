namespace RelevanceRelated.Analysis.Imaging;

/// <summary>One voxel axis's direction in world (RAS+) space: which world axis it follows and in which sense.</summary>
public readonly record struct AxisOrientation(int WorldAxis, int Sign)
{
    public static readonly AxisOrientation Undetermined = new(-1, 0);

    public bool IsDetermined => WorldAxis >= 0;

    /// <summary>The anatomical letter the axis points towards: R/L, A/P, S/I; '?' when undetermined.</summary>
    public char Code => WorldAxis switch
    {
        0 => Sign > 0 ? 'R' : 'L',
        1 => Sign > 0 ? 'A' : 'P',
        2 => Sign > 0 ? 'S' : 'I',
        _ => '?',
    };

    public static AxisOrientation FromCode(char code, string what) => char.ToUpperInvariant(code) switch
    {
        'R' => new(0, 1), 'L' => new(0, -1),
        'A' => new(1, 1), 'P' => new(1, -1),
        'S' => new(2, 1), 'I' => new(2, -1),
        _ => throw new InvalidInputException($"{what}: '{code}' is not an axis code; expected one of R, L, A, P, S, I"),
    };
}

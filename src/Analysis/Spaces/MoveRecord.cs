using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// How a moved image was made: the transform files in the order given (each with its SHA-256 and inversion flag), the
/// interpolation, the value outside the moving image, and the reference grid. Every moved map carries one, so a stage
/// can store its chain beside the map.
/// </summary>
public sealed record MoveRecord(IReadOnlyList<TransformRecord> Transforms, string Interpolation, double DefaultValue,
    int[] ReferenceShape, double[] ReferenceAffine)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static MoveRecord Of(TransformChain chain, ImageGrid reference, SpatialInterpolation interpolation, double defaultValue) =>
        new(chain.Sources, interpolation.Name(), defaultValue, [reference.Nx, reference.Ny, reference.Nz], reference.Affine.ToArray());

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <exception cref="InvalidInputException">The text is not a move record; <paramref name="source"/> names where it came from.</exception>
    public static MoveRecord FromJson(string json, string source)
    {
        MoveRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<MoveRecord>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{source}: not a move record ({ex.Message})");
        }
        if (record?.Transforms is null || record.Interpolation is null || record.ReferenceShape is not { Length: 3 } || record.ReferenceAffine is not { Length: 16 })
            throw new InvalidInputException($"{source}: a move record needs transforms, interpolation, a 3-D reference shape and a 16-value affine");
        return record;
    }

    /// <summary>The reference grid's affine.</summary>
    public Affine ReferenceGridAffine() => new(ReferenceAffine);
}

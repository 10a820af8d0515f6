using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// A <see cref="PreprocessRecord"/> as JSON, so a stored model-grid input can be explained later (by another process
/// or machine) and its relevance put back into the native grid without preprocessing the native image again; an
/// <see cref="AffineGridMapping"/> (an input prepared elsewhere) is written with <c>"Kind": "affine"</c>.
/// Affines are kept as their 16 row-major doubles (round-trip exact).
/// </summary>
public static class PreprocessRecordJson
{
    private sealed record PruneDto(int[] OriginalShape, double[] OriginalAffine, int[] BoxShape, int[] SourceStart,
        int[] TargetStart, int[] Extent, float Background);

    private sealed record RecordDto(int[] NativeShape, double[] NativeAffine, string NativeOrientation,
        int[] ReorientedShape, double[] ReorientedAffine, bool Resampled, PruneDto Prune);

    private sealed record AffineDto(string Kind, int[] NativeShape, double[] NativeAffine);

    private const string AffineKind = "affine";

    /// <summary>Either mapping as JSON.</summary>
    public static string Write(INativeGridMapping mapping) => mapping switch
    {
        PreprocessRecord record => Write(record),
        AffineGridMapping affine => JsonSerializer.Serialize(new AffineDto(AffineKind, affine.NativeShape, affine.NativeAffine.ToArray())),
        _ => throw new ArgumentException($"{mapping.GetType().Name} has no JSON form", nameof(mapping)),
    };

    /// <summary>A mapping written by <see cref="Write(INativeGridMapping)"/>: a preprocessing record, or the native grid of an affine mapping.</summary>
    public static INativeGridMapping ReadMapping(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == AffineKind)
            {
                var dto = document.RootElement.Deserialize<AffineDto>();
                if (dto?.NativeShape is not { Length: 3 } shape || dto.NativeAffine is null)
                    throw new InvalidInputException($"{source}: an affine grid mapping needs the native shape (3 sizes) and affine");
                return new AffineGridMapping(shape, ToAffine(dto.NativeAffine, source));
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{source}: not a preprocessing record ({ex.Message})");
        }
        return Read(json, source);
    }

    public static string Write(PreprocessRecord record)
    {
        var p = record.Prune;
        return JsonSerializer.Serialize(new RecordDto(record.NativeShape, record.NativeAffine.ToArray(), record.NativeOrientation,
            record.ReorientedShape, record.ReorientedAffine.ToArray(), record.Resampled,
            new PruneDto(p.OriginalShape, p.OriginalAffine.ToArray(), p.BoxShape, p.SourceStart, p.TargetStart, p.Extent, p.Background)));
    }

    /// <exception cref="InvalidInputException">The text is not a preprocessing record; <paramref name="source"/> names where it came from.</exception>
    public static PreprocessRecord Read(string json, string source)
    {
        RecordDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<RecordDto>(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{source}: not a preprocessing record ({ex.Message})");
        }
        if (dto?.Prune is not { } p || dto.NativeShape is null || dto.NativeAffine is null || dto.NativeOrientation is null
            || dto.ReorientedShape is null || dto.ReorientedAffine is null || p.OriginalShape is null || p.OriginalAffine is null
            || p.BoxShape is null || p.SourceStart is null || p.TargetStart is null || p.Extent is null)
            throw new InvalidInputException($"{source}: a preprocessing record needs the native, reoriented and pruning grids");
        return new PreprocessRecord(dto.NativeShape, ToAffine(dto.NativeAffine, source), dto.NativeOrientation,
            dto.ReorientedShape, ToAffine(dto.ReorientedAffine, source), dto.Resampled,
            new PruneTransform(p.OriginalShape, ToAffine(p.OriginalAffine, source), p.BoxShape, p.SourceStart, p.TargetStart, p.Extent, p.Background));
    }

    private static Affine ToAffine(double[] values, string source) => values.Length == 16
        ? new Affine(values)
        : throw new InvalidInputException($"{source}: an affine needs 16 values, got {values.Length}");
}

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// Transforms in the order they are applied to a reference point (the first maps the reference point, the last yields
/// the moving point), with the provenance of the files they came from. Built from files by
/// <see cref="TransformChainLoader"/> with antsApplyTransforms' order semantics.
/// </summary>
public sealed class TransformChain
{
    public TransformChain(IReadOnlyList<SpatialTransform> steps, IReadOnlyList<TransformRecord>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var s in steps) ArgumentNullException.ThrowIfNull(s, nameof(steps));
        Steps = steps;
        Sources = sources ?? [];
    }

    /// <summary>No transform: the moving image is read at the reference points themselves (header-based resampling).</summary>
    public static TransformChain Identity { get; } = new([]);

    /// <summary>The transforms, in the order they are applied to a reference point.</summary>
    public IReadOnlyList<SpatialTransform> Steps { get; }

    /// <summary>Where the transforms came from, as listed by the user (empty for chains built in memory).</summary>
    public IReadOnlyList<TransformRecord> Sources { get; }

    /// <summary>The moving-side point of a reference point.</summary>
    public (double X, double Y, double Z) Map(double x, double y, double z)
    {
        foreach (var s in Steps) (x, y, z) = s.Map(x, y, z);
        return (x, y, z);
    }

    /// <summary>The same map with every run of linear transforms multiplied into one matrix.</summary>
    public IReadOnlyList<SpatialTransform> Composed()
    {
        var result = new List<SpatialTransform>();
        foreach (var s in Steps)
        {
            if (s is LinearTransform next && result.Count > 0 && result[^1] is LinearTransform previous)
                result[^1] = next.After(previous);
            else result.Add(s);
        }
        return result;
    }

    /// <summary>True when every step is linear, so the whole chain is one affine.</summary>
    public bool IsLinear => Steps.All(s => s is LinearTransform);

    /// <summary>The single affine of a linear chain (identity when empty).</summary>
    /// <exception cref="InvalidInputException">The chain holds a displacement field.</exception>
    public LinearTransform ToLinear()
    {
        if (!IsLinear) throw new InvalidInputException("the transform chain holds a displacement field, so it is not one affine");
        return Composed() is [LinearTransform only] ? only : LinearTransform.Identity;
    }
}

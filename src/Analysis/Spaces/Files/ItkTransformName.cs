namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// An ITK transform type string, <c>Class_precision_in_out</c> (e.g. <c>AffineTransform_double_3_3</c>), as ITK's
/// transform IO writes it into every format.
/// </summary>
public sealed record ItkTransformName(string Text, ItkTransformKind Kind, bool Single)
{
    private static readonly Dictionary<string, ItkTransformKind> Classes = new(StringComparer.Ordinal)
    {
        ["AffineTransform"] = ItkTransformKind.Affine,
        ["MatrixOffsetTransformBase"] = ItkTransformKind.MatrixOffsetTransformBase,
        ["Euler3DTransform"] = ItkTransformKind.Euler3D,
        ["VersorRigid3DTransform"] = ItkTransformKind.VersorRigid3D,
        ["Similarity3DTransform"] = ItkTransformKind.Similarity3D,
        ["TranslationTransform"] = ItkTransformKind.Translation,
        ["IdentityTransform"] = ItkTransformKind.Identity,
        ["DisplacementFieldTransform"] = ItkTransformKind.DisplacementField,
        ["CompositeTransform"] = ItkTransformKind.Composite,
    };

    /// <summary>The classes accepted, for error messages.</summary>
    public static string Supported => string.Join(", ", Classes.Keys);

    /// <exception cref="InvalidInputException">Not a 3-D transform of a supported class; <paramref name="where"/>
    /// names the file and field.</exception>
    public static ItkTransformName Parse(string text, string where)
    {
        var parts = text.Trim().Split('_');
        if (parts.Length < 4 || parts[^1] != "3" || parts[^2] != "3")
            throw new InvalidInputException($"{where}: '{text}' is not a 3-D ITK transform type (expected Class_precision_3_3, e.g. AffineTransform_double_3_3)");
        var cls = string.Join('_', parts[..^3]);
        var precision = parts[^3];
        if (precision is not ("double" or "float"))
            throw new InvalidInputException($"{where}: '{text}': precision '{precision}' is neither double nor float");
        if (!Classes.TryGetValue(cls, out var kind))
            throw new InvalidInputException($"{where}: transform type '{cls}' is not supported; expected one of {Supported}");
        return new ItkTransformName(text.Trim(), kind, precision == "float");
    }

    public override string ToString() => Text;
}

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>What a registration estimates.</summary>
public enum RegistrationKind
{
    /// <summary>Rotation and translation (ANTs <c>Rigid</c>: ITK's Euler3DTransform, 6 parameters).</summary>
    Rigid,

    /// <summary>A rigid stage, then a full affine stage (12 parameters), as antsRegistrationSyN's rigid + affine.</summary>
    Affine,
}

public static class RegistrationKinds
{
    public const string Names = "rigid, affine";

    /// <exception cref="InvalidInputException">Not one of <see cref="Names"/>.</exception>
    public static RegistrationKind Parse(string text, string what = "--type") => text.Trim().ToLowerInvariant() switch
    {
        "rigid" => RegistrationKind.Rigid,
        "affine" => RegistrationKind.Affine,
        _ => throw new InvalidInputException($"{what}: '{text}'; expected one of {Names}"),
    };
}

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>The ITK transform classes the readers understand.</summary>
public enum ItkTransformKind
{
    Affine,
    MatrixOffsetTransformBase,
    Euler3D,
    VersorRigid3D,
    Similarity3D,
    Translation,
    Identity,
    DisplacementField,
    Composite,
}

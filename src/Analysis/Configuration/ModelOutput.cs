namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// A base model's output transform (see <see cref="OutputKind"/>): <see cref="AgeRange"/> for <c>scaled</c>,
/// <see cref="BinCentres"/> for <c>soft_bins</c>, <see cref="Scale"/> and <see cref="Offset"/> for <c>affine</c>.
/// </summary>
public sealed record ModelOutput(OutputKind Kind, IReadOnlyList<double>? AgeRange = null, IReadOnlyList<double>? BinCentres = null,
    double Scale = 1, double Offset = 0)
{
    public static readonly ModelOutput Identity = new(OutputKind.Identity);

    public string Describe() => string.Join("|", ModelOptionNames.Output.NameOf(Kind), Text.Numbers(AgeRange), Text.Numbers(BinCentres),
        Text.Number(Scale), Text.Number(Offset));
}

using RelevanceRelated.Analysis.Spaces.Files;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// Builds a chain from transform files listed as antsApplyTransforms takes them (<c>-t A -t B</c>). ANTs' parser holds
/// the options last-first and adds them to an ITK CompositeTransform, which applies its queue from the back: so the
/// first file listed is the first applied to a reference point (<c>-t 1Warp.nii.gz -t 0GenericAffine.mat</c> maps a
/// reference point through the warp, then the affine), and the last listed is the first applied to the moving image.
/// Within a file holding several transforms (a composite .h5), the last is applied first. <c>[file,1]</c> uses the
/// inverse: its transforms in file order, each inverted.
/// </summary>
public static class TransformChainLoader
{
    public static TransformChain Load(IReadOnlyList<TransformReference> references, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(references);
        var steps = new List<SpatialTransform>();
        var sources = new List<TransformRecord>();
        foreach (var reference in references)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = TransformFiles.Read(reference.Path, reference.Fsl);
            var pointOrder = content.Transforms.Reverse().ToList();
            if (reference.Invert)
            {
                pointOrder.Reverse();
                pointOrder = pointOrder.Select(t => Invert(t, reference.Path)).ToList();
            }
            steps.AddRange(pointOrder);
            sources.Add(new TransformRecord(reference.Path, content.Sha256, reference.Invert, content.Format.ToString(), content.TypeNames));
        }
        return new TransformChain(steps, sources);
    }

    private static SpatialTransform Invert(SpatialTransform transform, string path) => transform switch
    {
        LinearTransform linear => linear.Inverse(),
        _ => throw new InvalidInputException(
            $"{Path.GetFileName(path)}: [file,1] asks for the inverse of a {transform.Description}, which has no closed form; use the inverse field antsRegistration writes (*1InverseWarp.nii.gz) or the opposite fMRIPrep transform (from-B_to-A)"),
    };
}

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// ITK's MatlabTransformIO (ANTs' <c>*GenericAffine.mat</c>): for each transform a MATLAB v4 column vector of its
/// parameters named by its type (e.g. <c>AffineTransform_double_3_3</c>, single or double precision), followed by one
/// named <c>fixed</c> holding its fixed parameters (the centre).
/// </summary>
public static class ItkMatFile
{
    /// <summary>The transforms in file order with their type names.</summary>
    /// <exception cref="InvalidInputException">Not an ITK .mat transform; the message names the file and the field.</exception>
    public static IReadOnlyList<(ItkTransformName Name, SpatialTransform Transform)> Read(ReadOnlySpan<byte> bytes, string file)
    {
        var variables = MatlabV4File.Read(bytes, file);
        var name = Path.GetFileName(file);
        if (variables.Count == 0) throw new InvalidInputException($"{name}: the file is empty; expected an ITK transform");
        var result = new List<(ItkTransformName, SpatialTransform)>();
        for (var i = 0; i < variables.Count; i += 2)
        {
            var parameters = variables[i];
            var type = ItkTransformName.Parse(parameters.Name, $"{name}: variable '{parameters.Name}'");
            if (type.Kind is ItkTransformKind.Composite or ItkTransformKind.DisplacementField)
                throw new InvalidInputException($"{name}: {type}: a .mat file holds linear transforms only");
            if (i + 1 >= variables.Count)
                throw new InvalidInputException($"{name}: {type}: no 'fixed' variable follows its parameters (truncated file?)");
            var fixedParameters = variables[i + 1];
            if (parameters.Cols != 1 || fixedParameters.Cols != 1)
                throw new InvalidInputException($"{name}: {type}: parameters must be column vectors (ITK writes n×1), got {parameters.Rows}×{parameters.Cols} and {fixedParameters.Rows}×{fixedParameters.Cols}");
            result.Add((type, ItkTransformDecoder.Decode(type, parameters.Values, fixedParameters.Values, name)));
        }
        return result;
    }
}

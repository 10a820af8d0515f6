using PureHDF;

namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// ITK's HDF5TransformIO (antsRegistration's composite <c>.h5</c>, fMRIPrep's <c>*_xfm.h5</c>): groups
/// <c>/TransformGroup/0</c>, <c>/1</c>, … each with <c>TransformType</c> (a string), <c>TransformParameters</c> and
/// <c>TransformFixedParameters</c> (float or double vectors). A <c>CompositeTransform</c> in group 0 holds no parameters;
/// the groups after it are its parts in queue order.
/// </summary>
public static class ItkHdf5File
{
    private const string Root = "TransformGroup";

    /// <summary>The transforms in file order with their type names.</summary>
    /// <exception cref="InvalidInputException">Not an ITK HDF5 transform; the message names the file, group and dataset.</exception>
    public static IReadOnlyList<(ItkTransformName Name, SpatialTransform Transform)> Read(string file)
    {
        var name = Path.GetFileName(file);
        try
        {
            using var h5 = H5File.OpenRead(file);
            if (!h5.LinkExists(Root))
                throw new InvalidInputException($"{name}: no /{Root} group; not an ITK transform file");
            var group = h5.Group(Root);
            var result = new List<(ItkTransformName, SpatialTransform)>();
            for (var index = 0; group.LinkExists(index.ToString()); index++)
            {
                var where = $"{name}: /{Root}/{index}";
                var entry = group.Group(index.ToString());
                var type = ItkTransformName.Parse(ReadType(entry, where), $"{where}/TransformType");
                if (type.Kind == ItkTransformKind.Composite)
                {
                    if (index != 0) throw new InvalidInputException($"{where}: a CompositeTransform can only be group 0");
                    continue;
                }
                var parameters = ReadVector(entry, "TransformParameters", where);
                var fixedParameters = ReadVector(entry, "TransformFixedParameters", where);
                result.Add((type, ItkTransformDecoder.Decode(type, parameters, fixedParameters, where)));
            }
            if (result.Count == 0) throw new InvalidInputException($"{name}: /{Root} holds no transform");
            return result;
        }
        catch (Exception ex) when (ex is not InvalidInputException and not OutOfMemoryException)
        {
            throw new InvalidInputException($"{name}: not a readable HDF5 transform file ({ex.Message})", ex);
        }
    }

    private static string ReadType(IH5Group entry, string where)
    {
        if (!entry.LinkExists("TransformType")) throw new InvalidInputException($"{where}: no TransformType dataset");
        var values = entry.Dataset("TransformType").Read<string[]>();
        return values.Length == 1 ? values[0] : throw new InvalidInputException($"{where}/TransformType: {values.Length} strings; expected 1");
    }

    private static double[] ReadVector(IH5Group entry, string dataset, string where)
    {
        if (!entry.LinkExists(dataset)) throw new InvalidInputException($"{where}: no {dataset} dataset");
        var d = entry.Dataset(dataset);
        if (d.Type.Class != H5DataTypeClass.FloatingPoint)
            throw new InvalidInputException($"{where}/{dataset}: {d.Type.Class} data; expected float or double");
        return d.Type.Size == 4 ? Array.ConvertAll(d.Read<float[]>(), v => (double)v) : d.Read<double[]>();
    }
}

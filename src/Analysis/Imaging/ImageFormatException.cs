namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// An image file (or an image passed to an operation) is not what was expected: wrong magic, truncated data,
/// a field out of range. The message names the file and the field. Readers throw only this type for bad files.
/// </summary>
public class ImageFormatException : InvalidInputException
{
    public ImageFormatException(string file, string field, string problem)
        : base($"{Path.GetFileName(file)}: {field}: {problem}")
    {
        FileName = file;
        Field = field;
    }

    public ImageFormatException(string file, string field, string problem, Exception inner)
        : base($"{Path.GetFileName(file)}: {field}: {problem}", inner)
    {
        FileName = file;
        Field = field;
    }

    /// <summary>The file (or image name) that was refused.</summary>
    public string FileName { get; }

    /// <summary>The header field or data part that was wrong.</summary>
    public string Field { get; }
}

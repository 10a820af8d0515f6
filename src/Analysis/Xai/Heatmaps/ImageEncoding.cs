namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>How a rendered image is written: PNG (lossless) or WebP (lossy, a tenth of the bytes for a cohort's many heatmaps).</summary>
public enum ImageEncoding
{
    Png,
    Webp,
}

public static class ImageEncodings
{
    /// <summary>The file extension with its dot: ".png" or ".webp".</summary>
    public static string Extension(this ImageEncoding encoding) => encoding == ImageEncoding.Png ? ".png" : ".webp";

    /// <summary>The MIME type, for data URIs.</summary>
    public static string MimeType(this ImageEncoding encoding) => encoding == ImageEncoding.Png ? "image/png" : "image/webp";
}

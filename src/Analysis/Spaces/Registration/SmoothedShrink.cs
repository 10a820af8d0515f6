using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// Gaussian smoothing (scipy's kernel and "reflect" border, as <see cref="GaussianSmoothing"/>) evaluated only at the
/// voxels a shrink by f keeps (every f-th from offset o): the z pass at the kept planes, the y pass at their kept rows,
/// the x pass at the kept voxels — about 1/f of a full smoothing's work — with the same values as smoothing everything
/// and then keeping those voxels.
/// </summary>
internal static class SmoothedShrink
{
    public static float[] Apply(ReadOnlyMemory<float> source, (int X, int Y, int Z) n, double sigma, int shrink,
        (int X, int Y, int Z) offset, (int X, int Y, int Z) m)
    {
        var kernel = sigma > 0 ? GaussianSmoothing.Kernel(sigma, 4.0) : [1f];
        var r = kernel.Length / 2;
        var planes = LargeBuffers.Floats.Rent(n.X * n.Y * m.Z);
        var rows = LargeBuffers.Floats.Rent(n.X * m.Y * m.Z);
        try
        {
            var plane = n.X * n.Y;
            Parallel.For(0, m.Z, k =>
            {
                var z = offset.Z + shrink * k;
                var output = planes.AsSpan(plane * k, plane);
                output.Clear();
                for (var j = 0; j < kernel.Length; j++)
                    GaussianSmoothing.AddScaled(output, source.Span.Slice(plane * GaussianSmoothing.Reflect(z + j - r, n.Z), plane), kernel[j]);
            });
            Parallel.For(0, m.Z, k =>
            {
                for (var i = 0; i < m.Y; i++)
                {
                    var y = offset.Y + shrink * i;
                    var output = rows.AsSpan(n.X * (i + m.Y * k), n.X);
                    output.Clear();
                    for (var j = 0; j < kernel.Length; j++)
                        GaussianSmoothing.AddScaled(output, planes.AsSpan(plane * k + n.X * GaussianSmoothing.Reflect(y + j - r, n.Y), n.X), kernel[j]);
                }
            });
            var result = new float[m.X * m.Y * m.Z];
            Parallel.For(0, m.Z, k =>
            {
                for (var i = 0; i < m.Y; i++)
                {
                    var row = rows.AsSpan(n.X * (i + m.Y * k), n.X);
                    var output = result.AsSpan(m.X * (i + m.Y * k), m.X);
                    for (var h = 0; h < m.X; h++)
                    {
                        var x = offset.X + shrink * h;
                        float sum = 0;
                        for (var j = 0; j < kernel.Length; j++) sum += kernel[j] * row[GaussianSmoothing.Reflect(x + j - r, n.X)];
                        output[h] = sum;
                    }
                }
            });
            return result;
        }
        finally
        {
            LargeBuffers.Floats.Return(planes);
            LargeBuffers.Floats.Return(rows);
        }
    }
}

using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Resampling;

/// <summary>
/// Resamples a volume onto a reference grid through a transform chain, as ITK's ResampleImageFilter does inside
/// antsApplyTransforms: each reference voxel's point is mapped through the chain and the moving image read there.
/// Parallel over output planes; each worker keeps three coordinate rows, so nothing is allocated per voxel. Frames
/// beyond the third dimension share the coordinates.
/// </summary>
internal static class ChainResampler
{
    public static Volume Resample(Volume source, ImageGrid reference, TransformChain chain, SpatialInterpolation interpolation,
        float fill, CancellationToken cancellationToken)
    {
        if (!source.Affine.IsInvertible)
            throw new InvalidInputException($"the moving image's affine is not invertible: {source.Affine}");
        var compiled = new CompiledChain(reference, chain, ImageGrid.Of(source));
        int[] shape = source.Rank > 3 ? [reference.Nx, reference.Ny, reference.Nz, .. source.Shape.Skip(3)] : [reference.Nx, reference.Ny, reference.Nz];
        double[] zooms = [reference.Zooms.X, reference.Zooms.Y, reference.Zooms.Z, .. source.Zooms.Skip(3)];
        var type = interpolation is SpatialInterpolation.Nearest or SpatialInterpolation.Label || !source.DataType.IsInteger()
            ? source.DataType
            : VoxelType.Float32;
        var result = new Volume(shape, reference.Affine, type, zooms, source.Metadata with { QformCode = 0, SformCode = 0 });
        try
        {
            var frames = source.Frames;
            var inShape = source.Shape3;
            var inputs = new ReadOnlyMemory<float>[frames];
            var coefficients = new float[frames][];
            for (var t = 0; t < frames; t++)
            {
                inputs[t] = source.Memory.Slice(t * source.SpatialCount, source.SpatialCount);
                if (interpolation == SpatialInterpolation.BSpline)
                {
                    coefficients[t] = LargeBuffers.Floats.Rent(source.SpatialCount);
                    BSplineCoefficients.Compute(inputs[t].Span, inShape, coefficients[t], cancellationToken);
                    inputs[t] = coefficients[t].AsMemory(0, source.SpatialCount);
                }
            }
            try
            {
                var output = result.Memory;
                var (nx, ny, nz) = reference.Shape;
                var plane = nx * ny;
                Parallel.For(0, nz, new ParallelOptions { CancellationToken = cancellationToken }, () => new double[3 * nx], (z, _, rows) =>
                {
                    var cx = rows.AsSpan(0, nx);
                    var cy = rows.AsSpan(nx, nx);
                    var cz = rows.AsSpan(2 * nx, nx);
                    for (var y = 0; y < ny; y++)
                    {
                        compiled.MapRow(y, z, cx, cy, cz);
                        for (var t = 0; t < frames; t++)
                        {
                            var dst = output.Span.Slice(t * reference.VoxelCount + z * plane + y * nx, nx);
                            var src = inputs[t].Span;
                            switch (interpolation)
                            {
                                case SpatialInterpolation.Linear: LinearSampler.Row(src, inShape, cx, cy, cz, dst, fill); break;
                                case SpatialInterpolation.Nearest: NearestSampler.Row(src, inShape, cx, cy, cz, dst, fill); break;
                                case SpatialInterpolation.Label: LabelSampler.Row(src, inShape, cx, cy, cz, dst, fill); break;
                                case SpatialInterpolation.BSpline: BSplineSampler.Row(src, inShape, cx, cy, cz, dst, fill); break;
                                default: throw new ArgumentOutOfRangeException(nameof(interpolation));
                            }
                        }
                    }
                    return rows;
                }, _ => { });
            }
            finally
            {
                foreach (var c in coefficients)
                    if (c is not null) LargeBuffers.Floats.Return(c);
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}

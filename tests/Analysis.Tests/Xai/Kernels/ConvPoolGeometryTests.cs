using RelevanceRelated.Analysis.Xai.Kernels;
using RelevanceRelated.Analysis.Xai.Layers;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai.Kernels;

/// <summary>
/// Max-pool winners as the fused kernels find them: the first input in scan order (z, then y, then x) equal to the
/// window's maximum, whether a window is decided alone or eight at a time.
/// </summary>
public sealed unsafe class ConvPoolGeometryTests
{
    [Theory]
    [InlineData(41, 3, 2, 1)]
    [InlineData(64, 3, 2, 1)]
    [InlineData(37, 2, 2, 0)]
    [InlineData(50, 4, 3, 1)]
    public void Row_winners_are_the_first_maximum_in_scan_order(int columns, int kernel, int stride, int pad)
    {
        var geometry = Geometry(columns, kernel, stride, pad, out var pooledColumns);
        var random = new Random(columns * 31 + kernel);
        // Few distinct values and row codes from several planes and rows: ties between columns whose maxima lie in
        // different rows, which only the row code can order.
        var best = Enumerable.Range(0, columns).Select(_ => (float)random.Next(3)).ToArray();
        var codes = Enumerable.Range(0, columns).Select(_ => random.Next(3) << 8 | random.Next(3)).ToArray();
        var winnerX = new int[pooledColumns];
        var winnerCode = new int[pooledColumns];
        fixed (float* b = best)
        fixed (int* c = codes)
        fixed (int* x = winnerX)
        fixed (int* code = winnerCode)
            geometry.RowWinners(b, c, x, code);

        for (var window = 0; window < pooledColumns; window++)
        {
            int start = Math.Max(window * stride - pad, 0), end = Math.Min(window * stride - pad + kernel, columns);
            var max = best[start..end].Max();
            var expected = Enumerable.Range(start, end - start).Where(i => best[i] == max)
                .OrderBy(i => codes[i]).ThenBy(i => i).First();
            Assert.Equal((expected, codes[expected]), (winnerX[window], winnerCode[window]));
        }
    }

    private static ConvPoolGeometry Geometry(int columns, int kernel, int stride, int pad, out int pooledColumns)
    {
        pooledColumns = (columns + 2 * pad - kernel) / stride + 1;
        var conv = new ConvLayer("conv", new float[27], [1, 1, 3, 3, 3], null,
            new WindowGeometry([3, 3, 3], null, [1, 1, 1, 1, 1, 1], null, "NOTSET", false), group: 1);
        var pool = new WindowGeometry([kernel, kernel, kernel], [stride, stride, stride], [pad, pad, pad, pad, pad, pad], null, "NOTSET", false);
        return new ConvPoolGeometry([1, 1, 4, 4, columns], conv, [1, 1, 4, 4, columns], pool, [1, 1, 2, 2, pooledColumns]);
    }
}

using System.Runtime.Intrinsics;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>target ⊙= factor over a large native buffer on all cores (the last step of the factored relevance kernels).</summary>
internal static unsafe class ParallelMultiply
{
    private const int Chunk = 1 << 18;

    public static void InPlace(float* target, float* factor, long count)
    {
        Parallel.For(0, (int)((count + Chunk - 1) / Chunk), i =>
        {
            var from = (long)i * Chunk;
            var to = Math.Min(from + Chunk, count);
            var k = from;
            for (; k + Vector256<float>.Count <= to; k += Vector256<float>.Count)
                (Vector256.Load(target + k) * Vector256.Load(factor + k)).Store(target + k);
            for (; k < to; k++) target[k] *= factor[k];
        });
    }
}

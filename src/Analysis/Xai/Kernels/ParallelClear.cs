namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>Zeroes a large native buffer on all cores (a 16 × 99³ accumulator is 60 MB; one core needs tens of milliseconds).</summary>
internal static unsafe class ParallelClear
{
    private const int Chunk = 1 << 20;

    public static void Run(float* buffer, long count)
    {
        Parallel.For(0, (int)((count + Chunk - 1) / Chunk), i =>
            new Span<float>(buffer + (long)i * Chunk, (int)Math.Min(Chunk, count - (long)i * Chunk)).Clear());
    }
}

using System.Buffers;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Pools for volume-sized buffers (voxels, labels, scratch), bounded so that an idle silo does not hold a second copy
/// of its peak: ArrayPool.Shared keeps up to eight arrays per size and core plus one per thread, which on an inference
/// silo working on 256³ images held about 1 GB of 64 MB arrays between subjects. These keep at most
/// <see cref="ArraysPerSize"/> arrays of each power-of-two length up to <see cref="MaxPooledLength"/> (a 256³ volume);
/// longer ones are not pooled. Pooling still matters: a fresh 64 MB buffer per call costs more in page faults than
/// labelling or resampling into it.
/// </summary>
public static class LargeBuffers
{
    /// <summary>The longest array kept (2²⁴ elements: a 256³ volume).</summary>
    public const int MaxPooledLength = 1 << 24;

    /// <summary>Arrays kept per power-of-two length: the two inference slots of a silo each reuse one.</summary>
    public const int ArraysPerSize = 2;

    public static ArrayPool<float> Floats { get; } = ArrayPool<float>.Create(MaxPooledLength, ArraysPerSize);

    public static ArrayPool<int> Ints { get; } = ArrayPool<int>.Create(MaxPooledLength, ArraysPerSize);

    public static ArrayPool<double> Doubles { get; } = ArrayPool<double>.Create(MaxPooledLength, ArraysPerSize);
}

using System.Runtime.CompilerServices;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>Caches a value derived from a pair of weight arrays, keyed by the arrays' identity.</summary>
internal sealed class WeightPairCache
{
    private readonly Dictionary<(float[], float[]), float[]> _values = new(new IdentityComparer());

    public float[] Get(float[] a, float[] b, Func<float[], float[], float[]> create)
    {
        if (!_values.TryGetValue((a, b), out var value)) _values[(a, b)] = value = create(a, b);
        return value;
    }

    private sealed class IdentityComparer : IEqualityComparer<(float[], float[])>
    {
        public bool Equals((float[], float[]) x, (float[], float[]) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((float[], float[]) pair) => HashCode.Combine(RuntimeHelpers.GetHashCode(pair.Item1), RuntimeHelpers.GetHashCode(pair.Item2));
    }
}

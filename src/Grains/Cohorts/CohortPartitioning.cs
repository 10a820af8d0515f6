using System.Text;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// Which partition holds a subject: a stable hash of its id (FNV-1a, the same on every silo and run, unlike
/// <c>string.GetHashCode</c>) modulo the cohort's partition count. The count is chosen when the cohort is created so
/// that a partition holds about <see cref="CohortOptions.PartitionCapacity"/> members whatever the cohort's size; a
/// cohort that outgrows its partitions is moved into a new generation of them.
/// </summary>
public static class CohortPartitioning
{
    public static int Index(string subjectId, int partitions)
    {
        ulong hash = 14695981039346656037;
        foreach (var b in Encoding.UTF8.GetBytes(subjectId))
        {
            hash ^= b;
            hash *= 1099511628211;
        }
        return (int)(hash % (ulong)partitions);
    }

    /// <summary>Partitions for <paramref name="subjects"/> members at about <paramref name="capacity"/> each.</summary>
    public static int CountFor(int subjects, int capacity) => Math.Max(1, (subjects + capacity - 1) / capacity);

    /// <summary>The partition grain's key: <c>cohort/generation/index</c> (cohort names never contain '/').</summary>
    public static string Key(string cohort, int generation, int index) => $"{cohort}/{generation}/{index}";

    public static (string Cohort, int Generation, int Index) Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[1], out var generation) || !int.TryParse(parts[2], out var index))
            throw new ArgumentException($"Partition key '{key}' is not of the form 'cohort/generation/index'.", nameof(key));
        return (parts[0], generation, index);
    }
}

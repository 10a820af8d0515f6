using System.Buffers;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Connected-component labelling of binary masks with 6-, 18- or 26-connectivity (as scipy.ndimage.label with
/// the matching structure). Works on runs: each row's foreground runs are found with vectorised scans, runs in
/// neighbouring rows that touch are joined in a union–find, and the label image is written run by run. Cost
/// grows with the number of runs, not voxels, so sparse masks (PVS, thresholded maps) label in milliseconds.
/// </summary>
public static class ConnectedComponents
{
    /// <summary>Labels a mask (non-zero = foreground) of the given spatial shape.</summary>
    public static ComponentLabeling Label(ReadOnlySpan<byte> mask, (int X, int Y, int Z) shape, Connectivity connectivity = Connectivity.TwentySix)
    {
        Morphology.CheckShape(mask.Length, shape);
        var runs = Runs.Find(mask, shape);
        try
        {
            var runLabel = runs.Join(shape, connectivity, out var count);
            var sizes = new long[count];
            var sums = new (double X, double Y, double Z)[count];
            var boxes = new BoundingBox[count];
            for (var i = 0; i < count; i++) boxes[i] = new BoundingBox(int.MaxValue, int.MaxValue, int.MaxValue, -1, -1, -1);
            // Pooled: a fresh 64 MB label image per call costs more in page faults than the labelling itself.
            var labels = LargeBuffers.Ints.Rent(Math.Max(1, mask.Length));
            for (var row = 0; row < runs.RowCount; row++)
            {
                var y = row % shape.Y;
                var z = row / shape.Y;
                for (var k = runs.RowStart[row]; k < runs.RowStart[row + 1]; k++)
                {
                    var l = runLabel[k] - 1;
                    int x0 = runs.X0[k], x1 = runs.X1[k];
                    long len = x1 - x0 + 1;
                    sizes[l] += len;
                    sums[l] = (sums[l].X + (x0 + x1) * len / 2.0, sums[l].Y + (double)y * len, sums[l].Z + (double)z * len);
                    var b = boxes[l];
                    boxes[l] = new BoundingBox(Math.Min(b.MinX, x0), Math.Min(b.MinY, y), Math.Min(b.MinZ, z),
                        Math.Max(b.MaxX, x1), Math.Max(b.MaxY, y), Math.Max(b.MaxZ, z));
                }
            }
            // One pass writes every row: cleared, then its runs. Sequential on purpose: it is memory-bound, and
            // Parallel.For costs more than it saves on a busy machine.
            var nx = shape.X;
            for (var row = 0; row < runs.RowCount; row++)
            {
                var dst = labels.AsSpan(nx * row, nx);
                var first = runs.RowStart[row];
                var end = runs.RowStart[row + 1];
                if (first == end)
                {
                    dst.Clear();
                    continue;
                }
                var x = 0;
                for (var k = first; k < end; k++)
                {
                    dst[x..runs.X0[k]].Clear();
                    dst[runs.X0[k]..(runs.X1[k] + 1)].Fill(runLabel[k]);
                    x = runs.X1[k] + 1;
                }
                dst[x..].Clear();
            }
            var centroids = new (double X, double Y, double Z)[count];
            for (var i = 0; i < count; i++) centroids[i] = (sums[i].X / sizes[i], sums[i].Y / sizes[i], sums[i].Z / sizes[i]);
            ArrayPool<int>.Shared.Return(runLabel);
            return new ComponentLabeling(shape, labels, sizes, centroids, boxes);
        }
        finally
        {
            runs.Return();
        }
    }

    /// <summary>Labels the non-zero voxels of the first frame of a volume.</summary>
    public static ComponentLabeling Label(Volume mask, Connectivity connectivity = Connectivity.TwentySix) =>
        Label(BinaryMask.NonZero(mask.Frame(0)), mask.Shape3, connectivity);

    /// <summary>Only the number of components (no label image).</summary>
    public static int Count(ReadOnlySpan<byte> mask, (int X, int Y, int Z) shape, Connectivity connectivity = Connectivity.TwentySix)
    {
        Morphology.CheckShape(mask.Length, shape);
        var runs = Runs.Find(mask, shape);
        try
        {
            var runLabel = runs.Join(shape, connectivity, out var count);
            ArrayPool<int>.Shared.Return(runLabel);
            return count;
        }
        finally
        {
            runs.Return();
        }
    }

    /// <summary>Removes components smaller than <paramref name="minSize"/> voxels.</summary>
    public static byte[] RemoveSmall(ReadOnlySpan<byte> mask, (int X, int Y, int Z) shape, long minSize, Connectivity connectivity = Connectivity.TwentySix)
    {
        using var labeling = Label(mask, shape, connectivity);
        return labeling.MaskOfComponentsAtLeast(minSize);
    }

    /// <summary>Foreground runs [X0, X1] per row (row = y + ny·z), in scan order.</summary>
    private sealed class Runs
    {
        public int[] X0 = ArrayPool<int>.Shared.Rent(1024);
        public int[] X1 = ArrayPool<int>.Shared.Rent(1024);
        public int[] RowStart = [];
        public int Count;
        public int RowCount;

        public static Runs Find(ReadOnlySpan<byte> mask, (int X, int Y, int Z) shape)
        {
            var r = new Runs { RowCount = shape.Y * shape.Z };
            r.RowStart = ArrayPool<int>.Shared.Rent(r.RowCount + 1);
            var nx = shape.X;
            for (var row = 0; row < r.RowCount; row++)
            {
                r.RowStart[row] = r.Count;
                var line = mask.Slice(row * nx, nx);
                var x = line.IndexOfAnyExcept((byte)0);
                while (x >= 0)
                {
                    var len = line[x..].IndexOf((byte)0);
                    var end = len < 0 ? nx - 1 : x + len - 1;
                    r.Add(x, end);
                    if (len < 0 || end + 1 >= nx) break;
                    var next = line[(end + 1)..].IndexOfAnyExcept((byte)0);
                    x = next < 0 ? -1 : end + 1 + next;
                }
            }
            r.RowStart[r.RowCount] = r.Count;
            return r;
        }

        private void Add(int x0, int x1)
        {
            if (Count == X0.Length)
            {
                X0 = Grow(X0);
                X1 = Grow(X1);
            }
            X0[Count] = x0;
            X1[Count] = x1;
            Count++;
        }

        private int[] Grow(int[] a)
        {
            var b = ArrayPool<int>.Shared.Rent(a.Length * 2);
            a.AsSpan(0, Count).CopyTo(b);
            ArrayPool<int>.Shared.Return(a);
            return b;
        }

        /// <summary>Joins touching runs; returns each run's component label (1-based, by first run) from the pool.</summary>
        public int[] Join((int X, int Y, int Z) shape, Connectivity connectivity, out int count)
        {
            var parent = ArrayPool<int>.Shared.Rent(Math.Max(1, Count));
            for (var i = 0; i < Count; i++) parent[i] = i;
            // Rows already visited that can touch the current row: (dy, dz, x-reach).
            (int Dy, int Dz, int Reach)[] neighbours = connectivity switch
            {
                Connectivity.Six => [(-1, 0, 0), (0, -1, 0)],
                Connectivity.Eighteen => [(-1, 0, 1), (0, -1, 1), (-1, -1, 0), (1, -1, 0)],
                _ => [(-1, 0, 1), (0, -1, 1), (-1, -1, 1), (1, -1, 1)],
            };
            for (var z = 0; z < shape.Z; z++)
                for (var y = 0; y < shape.Y; y++)
                {
                    var row = y + shape.Y * z;
                    if (RowStart[row] == RowStart[row + 1]) continue;
                    foreach (var (dy, dz, reach) in neighbours)
                    {
                        int ny = y + dy, nz = z + dz;
                        if (ny < 0 || ny >= shape.Y || nz < 0) continue;
                        var other = ny + shape.Y * nz;
                        JoinRows(parent, RowStart[row], RowStart[row + 1], RowStart[other], RowStart[other + 1], reach);
                    }
                }
            var label = ArrayPool<int>.Shared.Rent(Math.Max(1, Count));
            count = 0;
            for (var i = 0; i < Count; i++)
            {
                var root = Find(parent, i);
                // Roots are the lowest run index of their set, so a root is seen before its members.
                label[i] = root == i ? ++count : label[root];
            }
            ArrayPool<int>.Shared.Return(parent);
            return label;
        }

        private void JoinRows(int[] parent, int a, int aEnd, int b, int bEnd, int reach)
        {
            while (a < aEnd && b < bEnd)
            {
                if (X1[a] + reach < X0[b]) { a++; continue; }
                if (X1[b] + reach < X0[a]) { b++; continue; }
                Union(parent, a, b);
                if (X1[a] < X1[b]) a++;
                else b++;
            }
        }

        private static int Find(int[] parent, int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        private static void Union(int[] parent, int a, int b)
        {
            var ra = Find(parent, a);
            var rb = Find(parent, b);
            if (ra == rb) return;
            if (ra < rb) parent[rb] = ra;
            else parent[ra] = rb;
        }

        public void Return()
        {
            ArrayPool<int>.Shared.Return(X0);
            ArrayPool<int>.Shared.Return(X1);
            if (RowStart.Length > 0) ArrayPool<int>.Shared.Return(RowStart);
        }
    }
}

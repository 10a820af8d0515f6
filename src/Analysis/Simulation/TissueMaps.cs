namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// The voxel-wise result of labelling an anatomy on a grid at one age, compared with the same anatomy at the
/// reference age: aseg and aparc+aseg labels, the tissue class per voxel, the voxels whose tissue changed with
/// age, and per-parcel thickness sums for the stats files.
/// </summary>
internal sealed class TissueMaps
{
    public required int[] Aseg { get; init; }
    public required int[] AparcAseg { get; init; }
    public required Tissue[] Tissue { get; init; }
    public required byte[] AgeChanged { get; init; }

    /// <summary>Per hemisphere (0 left) and parcel: voxel count, Σ thickness, Σ thickness², Σ 1/r, Σ 1/r².</summary>
    public required double[,,] ParcelSums { get; init; }

    public const int SumCount = 5;

    /// <summary>Labels every voxel of <paramref name="grid"/> at <paramref name="now"/> and at <paramref name="reference"/>.</summary>
    public static TissueMaps Build(SimulationGrid grid, AnatomyLabeler labeler, AnatomyAtAge now, AnatomyAtAge reference)
    {
        var n = grid.VoxelCount;
        var aseg = new int[n];
        var aparc = new int[n];
        var tissue = new Tissue[n];
        var changed = new byte[n];
        var parcels = CorticalParcels.All.Count;
        var slabSums = new double[grid.Nz][];
        var (xOfI, zOfJ, yOfK) = grid.AxisOffsets();

        // Separable warp factors per axis (see AnatomyLabeler.Warp): dx(y, z), dy(x, z), dz(x, y).
        var fy = Table(yOfK, 0, 1, labeler);
        var fzx = Table(zOfJ, 0, 1, labeler, useB: true);
        var fx = Table(xOfI, 2, 3, labeler);
        var fzy = Table(zOfJ, 2, 3, labeler, useB: true);
        var gx = Table(xOfI, 4, 5, labeler);
        var gy = Table(yOfK, 4, 5, labeler, useB: true);
        var a = new double[6];
        for (var t = 0; t < 6; t++) a[t] = labeler.WarpAmplitude(t);
        var anatomyScale = labeler.Scale;
        var anchor = SubjectAnatomy.TemplateAnchor;

        Parallel.For(0, grid.Nz, k =>
        {
            var sums = new double[2 * parcels * SumCount];
            var y = yOfK[k];
            for (var j = 0; j < grid.Ny; j++)
            {
                var z = zOfJ[j];
                var wx = a[0] * fy[0][k] * fzx[0][j] + a[1] * fy[1][k] * fzx[1][j];
                var row = grid.Index(0, j, k);
                for (var i = 0; i < grid.Nx; i++)
                {
                    var x = xOfI[i];
                    var wy = a[2] * fx[0][i] * fzy[0][j] + a[3] * fx[1][i] * fzy[1][j];
                    var wz = a[4] * gx[0][i] * gy[0][k] + a[5] * gx[1][i] * gy[1][k];
                    var tx = x / anatomyScale.X + anchor.X + wx;
                    var ty = y / anatomyScale.Y + anchor.Y + wy;
                    var tz = z / anatomyScale.Z + anchor.Z + wz;
                    var p = labeler.Classify(tx, ty, tz, now, reference, out var q);
                    var index = row + i;
                    aseg[index] = p.Label;
                    tissue[index] = p.Tissue;
                    if (p.Tissue != q.Tissue || p.Label != q.Label) changed[index] = 1;
                    if (p.Parcel >= 0)
                    {
                        var parcel = CorticalParcels.All[p.Parcel];
                        aparc[index] = p.Left ? parcel.LeftLabel : parcel.RightLabel;
                        var o = ((p.Left ? 0 : 1) * parcels + p.Parcel) * SumCount;
                        sums[o] += 1;
                        sums[o + 1] += p.Thickness;
                        sums[o + 2] += p.Thickness * p.Thickness;
                        sums[o + 3] += 1 / p.Radius;
                        sums[o + 4] += 1 / (p.Radius * p.Radius);
                    }
                    else aparc[index] = p.Label;
                }
            }
            slabSums[k] = sums;
        });

        // Merged in slab order, so the floating-point sums do not depend on thread scheduling.
        var total = new double[2, parcels, SumCount];
        foreach (var sums in slabSums)
            for (var h = 0; h < 2; h++)
                for (var p = 0; p < parcels; p++)
                    for (var s = 0; s < SumCount; s++) total[h, p, s] += sums[(h * parcels + p) * SumCount + s];
        return new TissueMaps { Aseg = aseg, AparcAseg = aparc, Tissue = tissue, AgeChanged = changed, ParcelSums = total };
    }

    private static double[][] Table(double[] coordinate, int first, int second, AnatomyLabeler labeler, bool useB = false)
    {
        var table = new double[2][];
        for (var t = 0; t < 2; t++)
        {
            var term = t == 0 ? first : second;
            table[t] = coordinate.Select(c => useB ? labeler.WarpFactorB(term, c) : labeler.WarpFactorA(term, c)).ToArray();
        }
        return table;
    }
}

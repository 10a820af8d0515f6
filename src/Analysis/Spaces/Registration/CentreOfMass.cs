using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>The intensity-weighted centre of an image in world millimetres (ITK's ImageMomentsCalculator, used by
/// ANTs' <c>[fixed,moving,1]</c> initialisation); the grid's centre when the image holds no positive intensity.</summary>
public static class CentreOfMass
{
    public static (double X, double Y, double Z) Of(Volume volume)
    {
        var (nx, ny, nz) = volume.Shape3;
        var data = volume.Frame(0);
        double sum = 0, sx = 0, sy = 0, sz = 0;
        for (var z = 0; z < nz; z++)
            for (var y = 0; y < ny; y++)
            {
                var row = data.Slice(nx * (y + ny * z), nx);
                for (var x = 0; x < nx; x++)
                {
                    double w = row[x];
                    if (w <= 0) continue;
                    sum += w;
                    sx += w * x;
                    sy += w * y;
                    sz += w * z;
                }
            }
        return sum > 0
            ? volume.Affine.Apply(sx / sum, sy / sum, sz / sum)
            : volume.Affine.Apply((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0);
    }
}

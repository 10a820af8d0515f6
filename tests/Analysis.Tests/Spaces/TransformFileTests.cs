using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Files;

namespace RelevanceRelated.Analysis.Tests.Spaces;

/// <summary>Every transform format read and applied to points exactly as ITK 5.2 (via ANTs' chain rules) did.</summary>
public class TransformFileTests
{
    /// <summary>ITK printed 12 significant digits; every chain below is exact to far better than this.</summary>
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData("affine_double_mat", "affine_double.mat")]
    [InlineData("affine_double_txt", "affine_double.txt")]
    [InlineData("affine_float_mat", "affine_float.mat")]
    [InlineData("affine_b_txt", "affine_b.txt")]
    [InlineData("matrixoffset_mat", "matrixoffset_double.mat")]
    [InlineData("euler_mat", "euler.mat")]
    [InlineData("euler_txt", "euler.txt")]
    [InlineData("versor_mat", "versor_rigid.mat")]
    [InlineData("translation_txt", "translation.txt")]
    [InlineData("inverse_affine", "[affine_double.mat,1]")]
    [InlineData("inverse_euler", "[euler.mat,1]")]
    [InlineData("warp", "warp.nii.gz")]
    [InlineData("warp_from_affine", "warp_from_affine.nii.gz")]
    [InlineData("composite_h5", "composite.h5")]
    [InlineData("warp_then_affine", "warp.nii.gz", "affine_double.mat")]
    [InlineData("linear_composite_h5", "linear_composite.h5")]
    [InlineData("mixed", "[affine_b.txt,1]", "warp.nii.gz", "euler.mat")]
    public void Chain_maps_points_as_itk_does(string chain, params string[] files)
    {
        var loaded = Load(files);
        foreach (var (point, expected) in ItkReference.MappedPoints(chain))
        {
            var (x, y, z) = loaded.Map(point.X, point.Y, point.Z);
            Assert.Equal(expected.X, x, Tolerance);
            Assert.Equal(expected.Y, y, Tolerance);
            Assert.Equal(expected.Z, z, Tolerance);
        }
    }

    [Fact]
    public void Affine_mat_holds_the_known_matrix_in_ras()
    {
        // ITK parameters (LPS): matrix, translation, centre, as the reference program set them.
        double[] m = [1.05, 0.08, -0.12, -0.06, 0.97, 0.15, 0.10, -0.11, 1.02];
        double[] t = [4.5, -6.25, 3.0];
        double[] c = [1.5, -12.0, 8.0];
        // RAS = D·(M·(p−c) + c + t) with p = D·q; D = diag(−1, −1, 1).
        var d = Affine.Scaling(-1, -1, 1);
        var lps = Affine.Translation(c[0] + t[0], c[1] + t[1], c[2] + t[2])
                  * new Affine([m[0], m[1], m[2], 0, m[3], m[4], m[5], 0, m[6], m[7], m[8], 0, 0, 0, 0, 1])
                  * Affine.Translation(-c[0], -c[1], -c[2]);
        var expected = d * lps * d;
        var read = Assert.IsType<LinearTransform>(Assert.Single(TransformFiles.Read(ItkReference.File("affine_double.mat")).Transforms));
        Assert.True(expected.MaxAbsDifference(read.Matrix) < 1e-12, $"{read.Matrix} vs {expected}");
    }

    [Fact]
    public void Composite_h5_holds_the_affine_then_the_field_in_file_order()
    {
        var content = TransformFiles.Read(ItkReference.File("composite.h5"));
        Assert.Equal(TransformFileFormat.ItkHdf5, content.Format);
        Assert.Equal(["AffineTransform_float_3_3", "DisplacementFieldTransform_float_3_3"], content.TypeNames);
        var field = Assert.IsType<DisplacementFieldTransform>(content.Transforms[1]);
        Assert.Equal((26, 31, 25), field.Grid.Shape);
    }

    [Fact]
    public void Composite_h5_equals_its_parts_applied_in_order()
    {
        var composite = Load(["composite.h5"]);
        var parts = Load(["warp.nii.gz", "affine_double.mat"]);
        foreach (var (p, _) in ItkReference.MappedPoints("composite_h5"))
        {
            var a = composite.Map(p.X, p.Y, p.Z);
            var b = parts.Map(p.X, p.Y, p.Z);
            // The composite stores its affine in float32; the .mat in double.
            Assert.Equal(b.X, a.X, 1e-4);
            Assert.Equal(b.Y, a.Y, 1e-4);
            Assert.Equal(b.Z, a.Z, 1e-4);
        }
    }

    [Fact]
    public void Displacement_field_made_from_an_affine_equals_the_affine_inside_the_field()
    {
        var field = Assert.IsType<DisplacementFieldTransform>(Assert.Single(Load(["warp_from_affine.nii.gz"]).Steps));
        var affine = Load(["affine_double.mat"]);
        var inverse = field.Grid.Affine.Inverse();
        var inside = 0;
        foreach (var (p, _) in ItkReference.MappedPoints("warp_from_affine"))
        {
            var (i, j, k) = inverse.Apply(p.X, p.Y, p.Z);
            if (i < 0 || j < 0 || k < 0 || i > field.Grid.Nx - 1 || j > field.Grid.Ny - 1 || k > field.Grid.Nz - 1) continue;
            inside++;
            var a = field.Map(p.X, p.Y, p.Z);
            var b = affine.Map(p.X, p.Y, p.Z);
            // Float32 vectors of up to ~30 mm: a few micrometres.
            Assert.Equal(b.X, a.X, 1e-4);
            Assert.Equal(b.Y, a.Y, 1e-4);
            Assert.Equal(b.Z, a.Z, 1e-4);
        }
        Assert.True(inside > 50, $"only {inside} reference points lie inside the field");
    }

    [Theory]
    [InlineData("affine_double.mat")]
    [InlineData("euler.txt")]
    [InlineData("versor_rigid.mat")]
    [InlineData("linear_composite.h5")]
    public void A_transform_and_its_inverse_compose_to_the_identity(string file)
    {
        var chain = Load([file, $"[{file},1]"]);
        var matrix = chain.ToLinear().Matrix;
        Assert.True(matrix.MaxAbsDifference(Affine.Identity) < 1e-12, matrix.ToString());
        foreach (var (p, _) in ItkReference.MappedPoints("affine_double_mat"))
        {
            var q = Load([$"[{file},1]", file]).Map(p.X, p.Y, p.Z);
            Assert.Equal(p.X, q.X, 1e-9);
            Assert.Equal(p.Y, q.Y, 1e-9);
            Assert.Equal(p.Z, q.Z, 1e-9);
        }
    }

    [Fact]
    public void Our_mat_writer_round_trips_and_matches_what_itk_wrote()
    {
        var original = Assert.IsType<LinearTransform>(Assert.Single(TransformFiles.Read(ItkReference.File("affine_double.mat")).Transforms));
        var dir = RelevanceRelated.Tests.TestData.NewTempDirectory("spaces-writer");
        foreach (var name in new[] { "written.mat", "written.txt" })
        {
            var path = Path.Combine(dir, name);
            // ITK's own centre (LPS 1.5, −12, 8 → RAS −1.5, 12, 8): the same parameters ITK wrote.
            ItkTransformWriter.Write(path, original, (-1.5, 12, 8));
            var back = Assert.IsType<LinearTransform>(Assert.Single(TransformFiles.Read(path).Transforms));
            Assert.True(original.Matrix.MaxAbsDifference(back.Matrix) < 1e-12);
        }
        Assert.Equal(System.IO.File.ReadAllBytes(ItkReference.File("affine_double.mat")), System.IO.File.ReadAllBytes(Path.Combine(dir, "written.mat")));
    }

    internal static TransformChain Load(IEnumerable<string> files) =>
        TransformChainLoader.Load(files.Select(f =>
        {
            var r = TransformReference.Parse(f);
            return r with { Path = ItkReference.File(r.Path) };
        }).ToList());
}

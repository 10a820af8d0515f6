using System.Globalization;
using System.Text;

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// One JHU-like white-matter tract of the simulated template: its JHU ICBM-DTI-81 label (value and name, as in FSL's
/// <c>JHU-labels.xml</c>), its shape (an ellipsoid in template millimetres, inside the template's white matter), its
/// FA at age 20 and its relative FA decline per year (FA(age) = FA₂₀ · (1 − decline · (age − 20))).
/// </summary>
public sealed record WhiteMatterTract(int Label, string Name, Ellipsoid Shape, double Fa20, double DeclinePerYear)
{
    /// <summary>The tract's true FA at <paramref name="age"/> (before the subject's offset and voxel noise).</summary>
    public double FaAt(double age) => Fa20 * (1 - DeclinePerYear * (age - AgeingModel.ReferenceAge));
}

/// <summary>
/// The tracts of the simulated JHU-like atlas: corpus callosum (genu, body, splenium), corticospinal tracts, anterior
/// corona radiata, superior longitudinal fasciculi. Declines follow the anterior-posterior gradient of
/// ageing FA (genu faster than splenium; Sullivan and Pfefferbaum 2006), 0.2 to 0.45 % per year.
/// </summary>
public static class WhiteMatterTracts
{
    public static IReadOnlyList<WhiteMatterTract> All { get; } =
    [
        new(3, "Genu of corpus callosum", new Ellipsoid(0, 26, 10, 12, 4, 5), 0.72, 0.0045),
        new(4, "Body of corpus callosum", new Ellipsoid(0, -10, 27, 10, 20, 3), 0.68, 0.0035),
        new(5, "Splenium of corpus callosum", new Ellipsoid(0, -40, 14, 10, 5, 6), 0.75, 0.0020),
        new(7, "Corticospinal tract R", new Ellipsoid(22, -18, 36, 4, 5, 10), 0.60, 0.0025),
        new(8, "Corticospinal tract L", new Ellipsoid(-22, -18, 36, 4, 5, 10), 0.60, 0.0025),
        new(23, "Anterior corona radiata R", new Ellipsoid(24, 20, 26, 5, 8, 5), 0.55, 0.0040),
        new(24, "Anterior corona radiata L", new Ellipsoid(-24, 20, 26, 5, 8, 5), 0.55, 0.0040),
        new(41, "Superior longitudinal fasciculus R", new Ellipsoid(30, -25, 28, 3.5, 20, 4), 0.50, 0.0030),
        new(42, "Superior longitudinal fasciculus L", new Ellipsoid(-30, -25, 28, 3.5, 20, 4), 0.50, 0.0030),
    ];

    /// <summary>The tract at a template point (the first whose shape holds it), or null.</summary>
    public static WhiteMatterTract? At(double x, double y, double z)
    {
        foreach (var tract in All)
            if (tract.Shape.Rho2(x, y, z) < 1) return tract;
        return null;
    }

    /// <summary>The label table as FSL's atlas XML (<c>JHU-labels.xml</c>): index = label value, with each label's centre in voxels.</summary>
    public static string FslXml(TemplateSpace template)
    {
        var b = new StringBuilder();
        b.Append("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<atlas version=\"1.0\">\n  <header>\n")
            .Append("    <name>Simulated JHU-like white-matter tract labels</name>\n    <shortname>JHU-sim</shortname>\n")
            .Append("    <type>Label</type>\n    <images>\n      <imagefile>/").Append(TemplateSpace.Name).Append("/atlas-JHU_dseg</imagefile>\n")
            .Append("    </images>\n  </header>\n  <data>\n    <label index=\"0\" x=\"0\" y=\"0\" z=\"0\">Unclassified</label>\n");
        foreach (var tract in All)
        {
            var s = tract.Shape;
            var i = (int)Math.Round((90 - s.Cx) / template.VoxelSize);
            var j = (int)Math.Round((s.Cy + 126) / template.VoxelSize);
            var k = (int)Math.Round((s.Cz + 72) / template.VoxelSize);
            b.Append(CultureInfo.InvariantCulture, $"    <label index=\"{tract.Label}\" x=\"{i}\" y=\"{j}\" z=\"{k}\">{tract.Name}</label>\n");
        }
        return b.Append("  </data>\n</atlas>\n").ToString();
    }
}

using System.Globalization;

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// The atlases of the simulated template (<see cref="TemplateSpace"/>): the JHU-like tract labels
/// (<see cref="WhiteMatterTracts"/>) and a basal-ganglia probability map built as population atlases such as ATAG are,
/// from the anatomies of <see cref="PopulationSize"/> subjects of a fixed seed (disjoint from any cohort's): the share
/// of them whose caudate, putamen, pallidum or accumbens holds each template point.
/// </summary>
public static class TemplateAtlases
{
    public const int PopulationSize = 20;
    public const int PopulationSeed = 904_181;

    /// <summary>The FSL-style label table of the basal-ganglia probability map (index = frame).</summary>
    public const string BasalGangliaXml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <atlas version="1.0">
          <header>
            <name>Simulated basal-ganglia probability atlas</name>
            <shortname>BG-sim</shortname>
            <type>Probabilistic</type>
          </header>
          <data>
            <label index="0" x="0" y="0" z="0">Basal ganglia</label>
          </data>
        </atlas>

        """;

    /// <summary>Tract labels (JHU values, 0 elsewhere) on the template grid.</summary>
    public static float[] TractLabels(TemplateSpace template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var labels = new float[template.VoxelCount];
        Parallel.For(0, template.Nz, k =>
        {
            for (var j = 0; j < template.Ny; j++)
                for (var i = 0; i < template.Nx; i++)
                {
                    var (x, y, z) = template.Point(i, j, k);
                    if (WhiteMatterTracts.At(x, y, z) is { } tract) labels[i + template.Nx * (j + template.Ny * k)] = tract.Label;
                }
        });
        return labels;
    }

    /// <summary>The probability (0–1) that a template point lies in the basal ganglia, over the population.</summary>
    public static float[] BasalGangliaProbability(TemplateSpace template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var anatomies = Enumerable.Range(0, PopulationSize)
            .Select(n => new SubjectAnatomy(SimulationRandom.For(PopulationSeed, n, SeedPurpose.Anatomy), n % 2 == 0 ? Sex.Female : Sex.Male))
            .ToList();
        var probability = new float[template.VoxelCount];
        Parallel.For(0, template.Nz, k =>
        {
            for (var j = 0; j < template.Ny; j++)
                for (var i = 0; i < template.Nx; i++)
                {
                    var (x, y, z) = template.Point(i, j, k);
                    var inside = anatomies.Count(a => InBasalGanglia(a, x, y, z));
                    probability[i + template.Nx * (j + template.Ny * k)] = (float)inside / PopulationSize;
                }
        });
        return probability;
    }

    /// <summary>Whether a template point lies in the anatomy's caudate, putamen, pallidum or accumbens (either side).</summary>
    internal static bool InBasalGanglia(SubjectAnatomy a, double x, double y, double z)
    {
        for (var h = 0; h < 2; h++)
            if (a.CaudateHead[h].Rho2(x, y, z) < 1 || a.CaudateBody[h].Rho2(x, y, z) < 1 || a.Putamen[h].Rho2(x, y, z) < 1
                || a.Pallidum[h].Rho2(x, y, z) < 1 || a.Accumbens[h].Rho2(x, y, z) < 1)
                return true;
        return false;
    }

    /// <summary>
    /// A <c>[atlases.jhu]</c> and <c>[atlases.basal_ganglia]</c> configuration for the atlases of <paramref name="layout"/>,
    /// naming them for the FA and PVS analyses (<c>[params.fa].atlas</c>, <c>[params.pvs.basal_ganglia].atlas</c>),
    /// with paths relative to <see cref="BidsLayout.AtlasConfig"/>'s folder (so the file does not depend on where the tree is).
    /// </summary>
    public static string ConfigToml(BidsLayout layout) => string.Create(CultureInfo.InvariantCulture, $"""
        # The simulated template's atlases (relevancerelated simulate), in template space "{TemplateSpace.Name}".
        [atlases.jhu]
        file = "{Toml(layout, layout.TractAtlas)}"
        labels = "{Toml(layout, layout.TractAtlasLabels)}"
        space = "{TemplateSpace.Name}"

        [atlases.basal_ganglia]
        file = "{Toml(layout, layout.BasalGangliaAtlas)}"
        labels = "{Toml(layout, layout.BasalGangliaAtlasLabels)}"
        space = "{TemplateSpace.Name}"
        threshold = 0.05

        # The analyses that read them: FA per JHU tract, PVS within the basal ganglia.
        [params.fa]
        atlas = "jhu"

        [params.pvs.basal_ganglia]
        atlas = "basal_ganglia"

        """);

    private static string Toml(BidsLayout layout, string path) => Path.GetRelativePath(layout.Atlases, path).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}

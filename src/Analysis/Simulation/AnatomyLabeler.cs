namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// Decides the tissue at a template point for an anatomy at some age: the implicit-surface model behind every
/// label volume. Precedence, outside in: background, scalp, skull, brain stem, cerebellum, the CSF around the
/// cerebrum, deep structures (third ventricle, caudate, pallidum, putamen, accumbens, thalamus, hippocampus,
/// amygdala, lateral and inferior-lateral ventricles), then cortex or white matter by the distance G to the
/// nearest pial boundary (envelope, sulcal sheet, interhemispheric fissure, tentorium, basal cisterns): white
/// matter from G ≥ T₂₀ (the white surface does not move), cortex between the age's thinning Δ and T₂₀, CSF below Δ.
/// </summary>
internal sealed class AnatomyLabeler
{
    private readonly SubjectAnatomy _a;
    private readonly double[] _parcelDirections = CorticalParcels.UnitDirections();
    private readonly double[] _parcelBias = CorticalParcels.Biases();
    private readonly double _maxThickness;

    public AnatomyLabeler(SubjectAnatomy anatomy)
    {
        _a = anatomy;
        _maxThickness = anatomy.Thickness20.SelectMany(t => t).Max() * 1.1;
    }

    /// <summary>The result of classifying one point.</summary>
    public struct Point
    {
        public Tissue Tissue;
        /// <summary>The aseg label (FreeSurfer code; 0 outside the brain).</summary>
        public int Label;
        public bool Left;
        /// <summary>Parcel index in <see cref="CorticalParcels.All"/> for cortex, else −1.</summary>
        public int Parcel;
        /// <summary>Local cortical thickness (mm) at this age, for cortex.</summary>
        public double Thickness;
        /// <summary>Distance (mm) to the hemisphere centre, a proxy for the envelope's radius of curvature.</summary>
        public double Radius;
    }

    /// <summary>The subject's scale relative to the template.</summary>
    public (double X, double Y, double Z) Scale => _a.Scale;

    /// <summary>Template coordinates from world coordinates relative to the scanner centre (scale, then warp).</summary>
    public (double X, double Y, double Z) ToTemplate(double x, double y, double z)
    {
        var (wx, wy, wz) = Warp(x, y, z);
        return (x / _a.Scale.X + SubjectAnatomy.TemplateAnchor.X + wx,
            y / _a.Scale.Y + SubjectAnatomy.TemplateAnchor.Y + wy,
            z / _a.Scale.Z + SubjectAnatomy.TemplateAnchor.Z + wz);
    }

    /// <summary>Inverse of <see cref="ToTemplate"/> up to the (small) warp: world offset of a template point.</summary>
    public (double X, double Y, double Z) ToWorldApprox(double tx, double ty, double tz)
    {
        var x = (tx - SubjectAnatomy.TemplateAnchor.X) * _a.Scale.X;
        var y = (ty - SubjectAnatomy.TemplateAnchor.Y) * _a.Scale.Y;
        var z = (tz - SubjectAnatomy.TemplateAnchor.Z) * _a.Scale.Z;
        // Two fixed-point steps remove most of the warp.
        for (var it = 0; it < 2; it++)
        {
            var (wx, wy, wz) = Warp(x, y, z);
            x = (tx - SubjectAnatomy.TemplateAnchor.X - wx) * _a.Scale.X;
            y = (ty - SubjectAnatomy.TemplateAnchor.Y - wy) * _a.Scale.Y;
            z = (tz - SubjectAnatomy.TemplateAnchor.Z - wz) * _a.Scale.Z;
        }
        return (x, y, z);
    }

    /// <summary>Warp displacement (mm) as two separable terms per axis: dx(y, z), dy(x, z), dz(x, y).</summary>
    public (double X, double Y, double Z) Warp(double x, double y, double z) => (
        WarpTerm(0, y, z) + WarpTerm(1, y, z), WarpTerm(2, x, z) + WarpTerm(3, x, z), WarpTerm(4, x, y) + WarpTerm(5, x, y));

    /// <summary>One warp term: amplitude · sin(ω₁u + φ) · sin(ω₂v + ψ), with the second term at twice the frequency.</summary>
    public double WarpTerm(int term, double u, double v) => _a.WarpAmplitude[term] * WarpFactorA(term, u) * WarpFactorB(term, v);

    public double WarpFactorA(int term, double u) => Math.Sin(Omega(term) * u + _a.WarpPhaseA[term]);

    public double WarpFactorB(int term, double v) => Math.Sin(Omega(term) * v + _a.WarpPhaseB[term]);

    public double WarpAmplitude(int term) => _a.WarpAmplitude[term];

    private static double Omega(int term) => 2 * Math.PI / SubjectAnatomy.WarpWavelength * (term % 2 == 0 ? 1 : 2);

    public Point Classify(double x, double y, double z, AnatomyAtAge age) => Classify(x, y, z, age, age, out _);

    /// <summary>
    /// Classifies a point at two ages at once (the geometry is shared; only the age-dependent sizes differ):
    /// returns the tissue at <paramref name="now"/> and gives the one at <paramref name="other"/>.
    /// </summary>
    public Point Classify(double x, double y, double z, AnatomyAtAge now, AnatomyAtAge other, out Point atOther)
    {
        var p = new Point { Parcel = -1, Left = x < 0 };
        var h = p.Left ? 0 : 1;
        atOther = p;
        if (_a.Head.Rho2(x, y, z) >= 1) return p;
        if (_a.BrainStem.Rho2(x, y, z) < 1)
        {
            var fourth = _a.FourthVentricle.Rho2(x, y, z);
            atOther = fourth < other.VentricleScale * other.VentricleScale ? Csf(p, AsegLabels.FourthVentricle) : SetTissue(p, Simulation.Tissue.BrainStem);
            return fourth < now.VentricleScale * now.VentricleScale ? Csf(p, AsegLabels.FourthVentricle) : SetTissue(p, Simulation.Tissue.BrainStem);
        }
        if (_a.SkullOuter.Rho2(x, y, z) >= 1) return atOther = SetTissue(p, Simulation.Tissue.Scalp);
        if (_a.Intracranial.Rho2(x, y, z) >= 1) return atOther = SetTissue(p, Simulation.Tissue.Skull);
        if (_a.Cerebellum[h].Rho2(x, y, z) < 1)
            return atOther = SetTissue(p, _a.CerebellumWhite[h].Rho2(x, y, z) < 1 ? Simulation.Tissue.CerebellumWhite : Simulation.Tissue.CerebellumCortex);
        p.Tissue = Simulation.Tissue.Csf;
        atOther = p;
        var envelopeDepth = _a.Cerebrum.Depth(x, y, z);
        if (envelopeDepth <= 0) return p;
        var cerebellumGap = -_a.Cerebellum[h].Depth(x, y, z) - SubjectAnatomy.TentoriumGap;
        if (cerebellumGap <= 0) return p;
        var cisternGap = -_a.Carve.Depth(x, y, z);
        if (cisternGap <= 0) return p;

        var deepNow = DeepStructure(x, y, z, h, now);
        var deepOther = ReferenceEquals(now, other) ? deepNow : DeepStructure(x, y, z, h, other);
        if (deepNow is not null && deepOther is not null)
        {
            atOther = Deep(p, deepOther.Value);
            return Deep(p, deepNow.Value);
        }
        var cortex = Cortex(x, y, z, h, envelopeDepth, Math.Min(cerebellumGap, cisternGap), p, now, other, out var cortexOther);
        atOther = deepOther is { } d ? Deep(p, d) : cortexOther;
        return deepNow is { } e ? Deep(p, e) : cortex;
    }

    private static Point Deep(Point p, (Tissue Tissue, int Label) deep) =>
        deep.Tissue == Simulation.Tissue.Csf ? Csf(p, deep.Label) : SetTissue(p, deep.Tissue);

    /// <summary>Cortex, sulcal CSF or white matter, by the distance G to the nearest pial boundary.</summary>
    private Point Cortex(double x, double y, double z, int h, double envelopeDepth, double otherGap, Point p,
        AnatomyAtAge now, AnatomyAtAge other, out Point atOther)
    {
        var g = Math.Min(envelopeDepth, otherGap);
        if (HasFissure(y, z)) g = Math.Min(g, Math.Abs(x) - SubjectAnatomy.FissureHalfWidth);
        if (g >= _maxThickness + 16) return atOther = SetTissue(p, Simulation.Tissue.WhiteMatter);
        var (cx, cy, cz) = _a.HemisphereCentre[h];
        var qx = x - cx;
        var qy = y - cy;
        var qz = z - cz;
        var r = Math.Sqrt(qx * qx + qy * qy + qz * qz) + 1e-9;
        var sulci = _a.Sulci[h];
        for (var n = 0; n < SubjectAnatomy.SulciPerHemisphere; n++)
        {
            var o = 8 * n;
            var depthBelowFundus = envelopeDepth - sulci[o + 7];
            if (depthBelowFundus > _maxThickness) continue;
            if ((qx * sulci[o] + qy * sulci[o + 1] + qz * sulci[o + 2]) / r < sulci[o + 6]) continue;
            var lateral = qx * sulci[o + 3] + qy * sulci[o + 4] + qz * sulci[o + 5];
            var below = Math.Max(0, depthBelowFundus);
            g = Math.Min(g, Math.Sqrt(lateral * lateral + below * below) - SubjectAnatomy.SulcusHalfWidth);
        }
        if (g >= _maxThickness) return atOther = SetTissue(p, Simulation.Tissue.WhiteMatter);

        // Parcel: nearest seed direction, in the hemisphere's own frame (lateral away from the midline).
        var ux = (h == 0 ? -qx : qx) / _a.Cerebrum.A;
        var uy = qy / _a.Cerebrum.B;
        var uz = qz / _a.Cerebrum.C;
        var un = Math.Sqrt(ux * ux + uy * uy + uz * uz) + 1e-12;
        ux /= un; uy /= un; uz /= un;
        var best = 0;
        var bestDot = double.NegativeInfinity;
        for (var k = 0; k < _parcelDirections.Length / 3; k++)
        {
            var d = ux * _parcelDirections[3 * k] + uy * _parcelDirections[3 * k + 1] + uz * _parcelDirections[3 * k + 2] + _parcelBias[k];
            if (d > bestDot) { bestDot = d; best = k; }
        }
        var modulation = 1 + 0.08 * Math.Sin(3 * uy + _a.ThicknessPhase[0]) * Math.Sin(3 * uz + _a.ThicknessPhase[1])
                           + 0.04 * Math.Sin(5 * ux + _a.ThicknessPhase[2]) * Math.Sin(4 * uy + _a.ThicknessPhase[3]);
        var thickness20 = _a.Thickness20[h][best] * modulation;
        if (g >= thickness20) return atOther = SetTissue(p, Simulation.Tissue.WhiteMatter);
        atOther = Ribbon(p, g, thickness20, other.Thinning[best] * modulation, best, r);
        return Ribbon(p, g, thickness20, now.Thinning[best] * modulation, best, r);
    }

    private static Point Ribbon(Point p, double g, double thickness20, double thinning, int parcel, double radius)
    {
        if (g < thinning) return Csf(p, AsegLabels.Csf);
        p = SetTissue(p, Simulation.Tissue.CorticalGrey);
        p.Parcel = parcel;
        p.Thickness = thickness20 - thinning;
        p.Radius = radius;
        return p;
    }

    /// <summary>True where the hemispheres are separated by the fissure (above the corpus callosum, or in front/behind it).</summary>
    private static bool HasFissure(double y, double z) => z > 22 || y > 34 || y < -44;

    private static Point SetTissue(Point p, Tissue tissue)
    {
        p.Tissue = tissue;
        p.Label = AsegLabels.For(tissue, p.Left);
        return p;
    }

    private static Point Csf(Point p, int label)
    {
        p.Tissue = Simulation.Tissue.Csf;
        p.Label = label;
        return p;
    }

    private (Tissue Tissue, int Label)? DeepStructure(double x, double y, double z, int h, AnatomyAtAge age)
    {
        if (Math.Abs(x) > 45 || y < -60 || y > 45 || z < -40 || z > 40) return null;
        var left = h == 0;
        var vs = age.VentricleScale;
        if (_a.ThirdVentricle.Rho2Scaled(x, y, z, vs) < 1) return (Simulation.Tissue.Csf, AsegLabels.ThirdVentricle);
        if (_a.CaudateHead[h].Rho2(x, y, z) < 1 || _a.CaudateBody[h].Rho2(x, y, z) < 1) return (Simulation.Tissue.Caudate, 0);
        if (_a.Pallidum[h].Rho2(x, y, z) < 1) return (Simulation.Tissue.Pallidum, 0);
        if (_a.Putamen[h].Rho2(x, y, z) < 1) return (Simulation.Tissue.Putamen, 0);
        if (_a.Accumbens[h].Rho2(x, y, z) < 1) return (Simulation.Tissue.Accumbens, 0);
        if (_a.Thalamus[h].Rho2(x, y, z) < 1) return (Simulation.Tissue.Thalamus, 0);
        var infLat = left ? AsegLabels.LeftInfLatVent : AsegLabels.RightInfLatVent;
        var hippocampus = _a.Hippocampus[h].Rho2(x, y, z);
        // The space a shrinking hippocampus leaves joins the temporal horn.
        if (hippocampus < 1)
            return hippocampus < age.HippocampusScale * age.HippocampusScale ? (Simulation.Tissue.Hippocampus, 0) : (Simulation.Tissue.Csf, infLat);
        if (_a.Amygdala[h].Rho2(x, y, z) < 1) return (Simulation.Tissue.Amygdala, 0);
        if (_a.VentricleBody[h].Rho2Scaled(x, y, z, vs) < 1 || _a.VentricleAtrium[h].Rho2Scaled(x, y, z, vs) < 1)
            return (Simulation.Tissue.Csf, left ? AsegLabels.LeftLateralVentricle : AsegLabels.RightLateralVentricle);
        if (_a.InfLatVent[h].Rho2Scaled(x, y, z, vs) < 1) return (Simulation.Tissue.Csf, infLat);
        return null;
    }
}

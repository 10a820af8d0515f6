using RelevanceRelated.Analysis.Configuration;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RelevanceRelated.Analysis.Analyses.Pvs;

/// <summary>
/// One table of the PVS analysis (the arguments of the original's run_pvs_stats): which PVS model, whose relevance
/// (T1 or FLAIR sub-ensembles), whether the PVS mask is dilated (T1 relevance only: inside PVS a T1 is dark, so its
/// relevance is near zero) and by how many iterations, whether only the dilation's ring is kept, and whether both maps
/// are restricted to the dilated basal-ganglia mask.
/// </summary>
public sealed record PvsConfiguration
{
    public PvsModelInput Model { get; }
    public RelevanceSequence Sequence { get; }
    /// <summary>Dilation iterations of the PVS mask (6-connected cross); 0 for none.</summary>
    public int DilateBy { get; }
    /// <summary>Keep only the voxels the dilation adds (the original's <c>only_border</c>).</summary>
    public bool OnlyBorder { get; }
    /// <summary>Dilation of the basal-ganglia mask when both maps are restricted to it; null when they are not.</summary>
    public int? BasalGangliaDilateMaskBy { get; }

    public PvsConfiguration(PvsModelInput model, RelevanceSequence sequence, int dilateBy = 0, bool onlyBorder = false, int? basalGangliaDilateMaskBy = null)
    {
        if (dilateBy < 0) throw new InvalidInputException($"PVS: dilate_by = {dilateBy}; expected 0 or more.");
        if (dilateBy > 0 && sequence != RelevanceSequence.T1)
            throw new InvalidInputException("PVS: the original dilates PVS masks for T1 relevance only; FLAIR tables are undilated.");
        if (onlyBorder && dilateBy == 0) throw new InvalidInputException("PVS: a border-only table needs dilate_by >= 1.");
        if (basalGangliaDilateMaskBy < 0) throw new InvalidInputException($"PVS: dilate_mask_by = {basalGangliaDilateMaskBy}; expected 0 or more.");
        Model = model;
        Sequence = sequence;
        DilateBy = dilateBy;
        OnlyBorder = onlyBorder;
        BasalGangliaDilateMaskBy = basalGangliaDilateMaskBy;
    }

    /// <summary>The original's table name: <c>T1{-FLAIR}.PVS_{dilate-N_}{ob_}{basal_ganglia-dM_}{t1|flair}-subens.csv</c>.</summary>
    public string FileName
    {
        get
        {
            var dilation = DilateBy > 0 ? $"dilate-{DilateBy}_{(OnlyBorder ? "ob_" : "")}" : "";
            var basalGanglia = BasalGangliaDilateMaskBy is { } d ? $"basal_ganglia-d{d}_" : "";
            return $"{Model.Prefix()}.PVS_{dilation}{basalGanglia}{Sequence.Name()}-subens.csv";
        }
    }

    /// <summary>The file name without <c>-subens.csv</c>, which the original's figures and our relationship tables are named after.</summary>
    public string Stem => FileName[..^"-subens.csv".Length];

    public override string ToString() => FileName;

    private static readonly Regex FileNamePattern = new(
        @"^(?<model>T1-FLAIR|T1)\.PVS_(dilate-(?<dilate>\d+)_(?<ob>ob_)?)?(basal_ganglia-d(?<bg>\d+)_)?(?<seq>t1|flair)-subens\.csv$",
        RegexOptions.CultureInvariant);

    /// <summary>The configuration a table's file name describes, or null when the name is not a PVS table's.</summary>
    public static PvsConfiguration? FromFileName(string fileName)
    {
        var m = FileNamePattern.Match(fileName);
        if (!m.Success) return null;
        var model = m.Groups["model"].Value == "T1-FLAIR" ? PvsModelInput.T1Flair : PvsModelInput.T1;
        var sequence = RelevanceSequences.Parse(m.Groups["seq"].Value);
        var dilate = m.Groups["dilate"].Success ? int.Parse(m.Groups["dilate"].Value, CultureInfo.InvariantCulture) : 0;
        int? bg = m.Groups["bg"].Success ? int.Parse(m.Groups["bg"].Value, CultureInfo.InvariantCulture) : null;
        return new PvsConfiguration(model, sequence, dilate, m.Groups["ob"].Success, bg);
    }
}

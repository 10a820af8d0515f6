using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Analyses.Pvs;

/// <summary>The configurations the original's run.py loops over, in its order.</summary>
public static class PvsSweeps
{
    /// <summary>
    /// <c>--pvs</c>: both PVS models × T1 and FLAIR relevance × basal-ganglia mask on/off × dilation by
    /// <c>[params.pvs].dilate_by</c> on/off, where FLAIR relevance is never dilated.
    /// </summary>
    public static IReadOnlyList<PvsConfiguration> Sweep(int dilateBy, int basalGangliaDilateMaskBy)
    {
        var list = new List<PvsConfiguration>();
        foreach (var model in new[] { PvsModelInput.T1Flair, PvsModelInput.T1 })
        foreach (var sequence in new[] { RelevanceSequence.T1, RelevanceSequence.Flair })
        foreach (var basalGanglia in new[] { true, false })
        foreach (var dilation in new[] { true, false })
        {
            if (dilation && sequence == RelevanceSequence.Flair) continue;
            list.Add(new PvsConfiguration(model, sequence, dilation ? dilateBy : 0, onlyBorder: false,
                basalGanglia ? basalGangliaDilateMaskBy : null));
        }
        return list;
    }

    /// <summary><c>--pvs_only_border</c>: both PVS models × basal ganglia off/on × dilate_by 2 and 1, T1 relevance, only the dilation's ring.</summary>
    public static IReadOnlyList<PvsConfiguration> BorderSweep(int basalGangliaDilateMaskBy)
    {
        var list = new List<PvsConfiguration>();
        foreach (var model in new[] { PvsModelInput.T1Flair, PvsModelInput.T1 })
        foreach (var basalGanglia in new[] { false, true })
        foreach (var dilateBy in new[] { 2, 1 })
            list.Add(new PvsConfiguration(model, RelevanceSequence.T1, dilateBy, onlyBorder: true, basalGanglia ? basalGangliaDilateMaskBy : null));
        return list;
    }
}

using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Simulation;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>Skull stripping from intensities (<c>brain_mask = "intensity"</c>) on simulated 2 mm heads, whose labels are the truth.</summary>
public sealed class IntensityBrainMaskTests
{
    private static readonly Lazy<SimulatedSubject> Old = new(() => SubjectSimulator.Simulate(new SubjectSpec("sub-001", 76, Sex.Male, 5, 0), SimulationGrid.TwoMillimetre));

    [Fact]
    public void The_mask_keeps_the_labelled_brain_and_drops_most_of_the_head_around_it()
    {
        var subject = Old.Value;
        using var t1 = subject.T1Volume();

        var mask = IntensityBrainMask.Compute(t1);

        int brain = 0, kept = 0, head = 0, headKept = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (subject.Aseg[i] != 0)
            {
                brain++;
                if (mask[i] != 0) kept++;
            }
            else if (subject.T1[i] > 0)
            {
                head++;
                if (mask[i] != 0) headKept++;
            }
        }
        Assert.True(kept >= 0.99 * brain, $"kept {kept} of {brain} brain voxels");
        Assert.True(headKept <= 0.2 * brain, $"kept {headKept} non-brain head voxels against {brain} brain voxels");
        Assert.True(headKept <= 0.2 * head, $"kept {headKept} of {head} non-brain head voxels");
    }

    [Fact]
    public void The_enlarged_ventricles_and_the_sulcal_csf_of_an_old_brain_stay_inside()
    {
        var subject = Old.Value;
        using var t1 = subject.T1Volume();

        var mask = IntensityBrainMask.Compute(t1);

        int effect = 0, kept = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (subject.AgeEffectMask[i] == 0) continue;
            effect++;
            if (mask[i] != 0) kept++;
        }
        Assert.True(effect > 1000);
        Assert.True(kept >= 0.99 * effect, $"kept {kept} of {effect} age-effect voxels");
    }

    [Fact]
    public void A_stripped_entry_zeroes_the_input_outside_the_brain_and_leaves_it_unchanged_inside()
    {
        using var t1 = Old.Value.T1Volume();
        var plain = BrainAgePreprocessorTests.Model("LIA", 2.0, 98, "unit_inverted");
        var stripped = plain with { Recipe = plain.Recipe with { BrainMask = BrainMaskKind.Intensity } };

        var (a, _) = BrainAgePreprocessor.Run(t1, plain);
        var (b, _) = BrainAgePreprocessor.Run(t1, stripped);
        using (a)
        using (b)
        {
            using var raw = PrunedRaw(t1);
            var mask = IntensityBrainMask.Compute(raw);
            var x = a.Frame(0);
            var y = b.Frame(0);
            int inside = 0, outside = 0;
            for (var i = 0; i < x.Length; i++)
            {
                if (mask[i] != 0)
                {
                    Assert.Equal(x[i], y[i]);
                    inside++;
                }
                else
                {
                    Assert.Equal(0f, y[i]);
                    if (x[i] > 0) outside++;
                }
            }
            Assert.True(inside > 10_000 && outside > 10_000, $"{inside} inside, {outside} non-zero outside");
        }
    }

    private static Volume PrunedRaw(Volume t1)
    {
        var model = BrainAgePreprocessorTests.Model("LIA", 2.0, 98, "none");
        return BrainAgePreprocessor.Run(t1, model).Input;
    }
}

using RelevanceRelated.Analysis.Simulation;

namespace RelevanceRelated.Analysis.Tests.Simulation;

/// <summary>The in-memory cohort API the demo model builder uses.</summary>
public sealed class InMemoryCohortTests
{
    [Fact]
    public void An_in_memory_cohort_yields_the_same_subjects_as_simulating_each_spec()
    {
        var participants = CohortSimulator.Participants(2, 101, 30, 70);

        var subjects = CohortSimulator.Simulate(participants, new SimulationGrid(4)).ToList();

        Assert.Equal(participants, subjects.Select(s => s.Spec));
        Assert.Equal(SubjectSimulator.Simulate(participants[1], new SimulationGrid(4)).T1, subjects[1].T1);
    }

    [Fact]
    public void A_simulated_t1_converts_to_a_volume_on_the_subjects_grid()
    {
        var s = SubjectSimulator.Simulate(new SubjectSpec("sub-001", 40, Sex.Male, 1, 0), new SimulationGrid(4));

        using var t1 = s.T1Volume();

        Assert.Equal([s.Grid.Nx, s.Grid.Ny, s.Grid.Nz], t1.Shape);
        Assert.Equal(s.Affine, t1.Affine.ToArray());
        Assert.True(t1.Data.SequenceEqual(s.T1));
    }
}

using RelevanceRelated.Analysis.Demo;

namespace RelevanceRelated.Analysis.Tests.Demo;

public sealed class ReadoutCalibrationTests
{
    [Fact]
    public void Without_a_penalty_recovers_a_piecewise_linear_map_with_bends_at_its_knots()
    {
        var readouts = Enumerable.Range(0, 201).Select(i => 20 + 0.3 * i).ToArray();
        var knots = ReadoutCalibration.KnotQuantiles.Select(q => readouts[(int)Math.Round(q * 200)]).ToArray();
        // Shallow below the second knot, then steeper: the shape a readout that floors at young ages needs.
        double Truth(double z) => 30 + 0.2 * z + 0.8 * Math.Max(0, z - knots[1]) + 0.5 * Math.Max(0, z - knots[5]);
        var ages = readouts.Select(Truth).ToArray();

        var calibration = ReadoutCalibration.Fit(readouts, ages, penalty: 0);

        Assert.Equal(knots, calibration.Knots);
        foreach (var z in new[] { 18.0, 25, 40, 55, 70, 85 }) Assert.Equal(Truth(z), calibration.Apply(z), 6);
    }

    [Fact]
    public void The_penalty_keeps_a_straight_line_straight_and_fits_it_exactly()
    {
        var random = new Random(4);
        var readouts = Enumerable.Range(0, 100).Select(_ => 20 + 60 * random.NextDouble()).ToArray();
        var ages = readouts.Select(z => 5 + 0.9 * z).ToArray();

        var calibration = ReadoutCalibration.Fit(readouts, ages);

        Assert.Equal(5, calibration.Offset, 6);
        Assert.Equal(0.9, calibration.Slope, 6);
        Assert.All(calibration.Bends, b => Assert.Equal(0, b, 6));
    }

    [Fact]
    public void Undoes_a_readout_that_regresses_to_the_mean()
    {
        // A readout that cannot tell ages below 35 apart (as before lesions appear) and is linear above.
        var ages = Enumerable.Range(0, 120).Select(i => 20 + 0.5 * i).ToArray();
        var readouts = ages.Select(a => Math.Max(a, 35) + Math.Sin(a) * 0.5).ToArray();
        var line = ReadoutCalibration.Fit(readouts, ages, penalty: 1e9);

        var calibration = ReadoutCalibration.Fit(readouts, ages);

        double Mae(ReadoutCalibration c) => ages.Select((a, i) => Math.Abs(c.Apply(readouts[i]) - a)).Average();
        Assert.True(Mae(calibration) < 0.8 * Mae(line), $"bent {Mae(calibration):0.00} vs straight {Mae(line):0.00}");
    }

    [Fact]
    public void Fits_a_straight_line_to_fewer_readouts_than_bends_need()
    {
        double[] readouts = [20, 30, 45, 50, 70];
        var ages = readouts.Select(z => 2 + 0.95 * z).ToArray();

        var calibration = ReadoutCalibration.Fit(readouts, ages);

        Assert.Empty(calibration.Knots);
        Assert.Equal(2, calibration.Offset, 6);
        Assert.Equal(0.95, calibration.Slope, 6);
    }

    [Fact]
    public void Refuses_fewer_than_three_readouts()
    {
        var error = Assert.Throws<ArgumentException>(() => ReadoutCalibration.Fit([1, 2], [20, 30]));
        Assert.Contains("at least 3", error.Message);
    }
}

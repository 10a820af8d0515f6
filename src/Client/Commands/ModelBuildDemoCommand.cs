using System.CommandLine;
using System.Globalization;
using RelevanceRelated.Analysis.Demo;

namespace RelevanceRelated.Client.Commands;

/// <summary>`model build-demo`: builds the demo brain-age sub-ensemble (demo_t1) from a simulated cohort and reports its held-out accuracy.</summary>
public static class ModelBuildDemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Directory for the ONNX files, demo.config.toml and demo.metrics.json", Required = true };
        var seed = new Option<int>("--seed") { Description = "Build seed (training cohort seed 1000000+10*S+1, test cohort 1000000+10*S+2)", DefaultValueFactory = _ => 1 };
        var subjects = new Option<int>("--training-subjects") { Description = "Simulated training subjects (the head is fitted on their leave-one-out predictions)", DefaultValueFactory = _ => new DemoBuildOptions().TrainingSubjects };
        var testSubjects = new Option<int>("--test-subjects") { Description = "Simulated held-out test subjects", DefaultValueFactory = _ => new DemoBuildOptions().TestSubjects };
        var baseModels = new Option<int>("--base-models") { Description = "Number of base models", DefaultValueFactory = _ => new DemoBuildOptions().BaseModels };
        var cmd = new Command("build-demo", "Build the demo brain-age model (demo_t1) on a simulated cohort; prints MAE and Pearson r on a held-out simulated cohort.");
        foreach (var o in new Option[] { output, seed, subjects, testSubjects, baseModels }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var options = new DemoBuildOptions
            {
                Seed = parse.GetValue(seed),
                TrainingSubjects = parse.GetValue(subjects),
                TestSubjects = parse.GetValue(testSubjects),
                BaseModels = parse.GetValue(baseModels),
            };
            var result = DemoModelBuilder.Build(parse.GetValue(output)!, options, line => Console.Error.WriteLine(line));
            writer.WriteLine($"config   {result.ConfigFile}");
            foreach (var f in result.ModelFiles) writer.WriteLine($"model    {f}");
            writer.WriteLine($"test MAE {N(result.TestMae)} years (predicting the training mean: {N(result.TrivialMae)}), Pearson r {N(result.TestPearsonR)}, n = {result.TestSubjects}");
            writer.WriteLine($"built in {N(result.Seconds)} s; metrics in {result.MetricsFile}");
            return ExitCodes.Success;
        });
        return cmd;
    }

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// `model build-benchmark`: writes a seeded, untrained network of a benchmark topology (the one `bench lrp` times)
/// as ONNX, so that a cohort can be run with a model of a published size (MRInet 198³) where no trained weights are
/// at hand: for time and memory measurements only.
/// </summary>
public static class ModelBuildBenchmarkCommand
{
    public static Command Create()
    {
        var topology = new Option<string>("--topology")
        {
            Description = "mrinet: MRInet as PyTorch exports it; conv6: the tf2onnx brain-age CNN (uint8 input).",
            DefaultValueFactory = _ => "mrinet",
        };
        topology.AcceptOnlyFromAmong("mrinet", "conv6");
        var cube = new Option<int?>("--cube") { Description = "A cubic input of this edge length (shorthand for --size N,N,N)." };
        var size = new Option<string?>("--size") { Description = "The spatial input D,H,W (default: 198,198,198 for mrinet, 82,86,100 for conv6)." };
        var seed = new Option<int>("--seed") { Description = "Weight seed; base models of one sub-ensemble need different seeds.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The .onnx file to write", Required = true };
        var command = new Command("build-benchmark",
            "Write a seeded, untrained MRInet or conv6 network as ONNX: it costs what a trained model of its size costs; its predictions mean nothing.");
        foreach (var o in new Option[] { topology, cube, size, seed, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var chosen = parse.GetValue(topology) == "conv6" ? LrpTopology.Conv6 : LrpTopology.MriNet;
            var inputSize = BenchLrpCommand.InputSize(parse.GetValue(cube), parse.GetValue(size)) ?? LrpBenchmark.DefaultInputSize(chosen);
            var path = parse.GetValue(output)!;
            var bytes = LrpBenchmark.BuildModel(chosen, inputSize, parse.GetValue(seed));
            AtomicFile.Write(path, stream => stream.Write(bytes));
            parse.InvocationConfiguration.Output.WriteLine($"model    {path} ({parse.GetValue(topology)} {string.Join("×", inputSize)}, seed {parse.GetValue(seed)}, untrained)");
            return ExitCodes.Success;
        });
        return command;
    }
}

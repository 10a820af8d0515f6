using System.CommandLine;
using RelevanceRelated.Client;
using RelevanceRelated.Client.Commands;

// Every verb group lives in its own file under Commands/; this list is the whole console.
var root = new RootCommand("RelevanceRelated: brain-age models, their relevance maps, and the brain features they relate to.");
root.Subcommands.Add(ModelCommand.Create());
root.Subcommands.Add(new Command("bench", "Benchmarks of the hot paths.") { Subcommands = { BenchLrpCommand.Create() } });

return CommandRunner.Run(root, args);

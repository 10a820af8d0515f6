using System.CommandLine;
using RelevanceRelated.Analysis.Statistics;
using static RelevanceRelated.Analysis.Statistics.CsvTableWriter;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>stats chisq</c>: R's <c>chisq.test(table(x, y))</c> on two categorical columns (check_N.R's sex × missing), with Yates'
/// continuity correction on 2×2 tables unless <c>--no-correct</c>; rows missing either value are left out, as table() does.
/// </summary>
public static class StatsChisqCommand
{
    public static Command Create()
    {
        var table = StatsCommand.TableOption();
        var x = new Option<string>("--x") { Description = "First categorical column (e.g. sex).", Required = true };
        var y = new Option<string>("--y") { Description = "Second categorical column (e.g. missing_t1_relevance_map).", Required = true };
        var noCorrect = new Option<bool>("--no-correct") { Description = "No continuity correction (R's correct = FALSE)." };
        var where = StatsCommand.WhereOption();
        var output = StatsCommand.OutOption();
        var command = new Command("chisq", "χ² test of independence as chisq.test → x,y,n,statistic,df,p,yates.");
        foreach (var o in new Option[] { table, x, y, noCorrect, where, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var t = StatsCommand.Load(parse, table, where);
            var (xName, yName) = (parse.GetValue(x)!, parse.GetValue(y)!);
            string?[] Categories(string column) => t.Text(column).Select(c => Table.IsMissing(c) ? null : c).ToArray();
            var (xs, ys) = (Categories(xName), Categories(yName));
            var n = Enumerable.Range(0, t.Count).Count(i => xs[i] is not null && ys[i] is not null);
            var test = ChiSquaredTest.Test(xs, ys, correct: !parse.GetValue(noCorrect));
            var path = parse.GetValue(output)!;
            Write(path, ["x", "y", "n", "statistic", "df", "p", "yates"],
                [[xName, yName, n.ToString(), Format(test.Statistic), test.Df.ToString(), Format(test.P), test.YatesCorrected ? "TRUE" : "FALSE"]]);
            parse.InvocationConfiguration.Output.WriteLine($"X-squared = {test.Statistic:G6}, df = {test.Df}, p = {test.P:G4}{(test.YatesCorrected ? " (Yates)" : "")} → {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Statistics;
using static RelevanceRelated.Analysis.Statistics.CsvTableWriter;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>stats residualise</c>: the original's <c>correct_data_for</c> on a table: fit a column on a raw polynomial of another
/// over the rows with both values and write the table with <c>poly-{degree}-corrected_{y}</c> added.
/// </summary>
public static class StatsResidualiseCommand
{
    public static Command Create()
    {
        var table = StatsCommand.TableOption();
        var y = new Option<string>("--y") { Description = "Column to correct (e.g. dba).", Required = true };
        var on = new Option<string>("--on") { Description = "Column whose polynomial trend is removed (e.g. age).", Required = true };
        var degree = new Option<int>("--degree") { Description = "Polynomial degree (the original: 3).", DefaultValueFactory = _ => 3 };
        var where = StatsCommand.WhereOption();
        var output = StatsCommand.OutOption();
        var command = new Command("residualise", "Remove a polynomial trend (correct_data_for) → the table plus poly-DEGREE-corrected_Y; rows missing either value get an empty cell.");
        foreach (var o in new Option[] { table, y, on, degree, where, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var t = StatsCommand.Load(parse, table, where);
            var (yName, xName) = (parse.GetValue(y)!, parse.GetValue(on)!);
            var result = PolynomialResidualisation.Residualise(yName, t.Numeric(yName), xName, t.Numeric(xName), parse.GetValue(degree));
            if (t.HasColumn(result.Column)) throw new InvalidInputException($"{t.Source}: already has a column '{result.Column}'.");
            var path = parse.GetValue(output)!;
            Write(path, [.. t.Columns, result.Column], t.Rows.Select((row, i) => (IReadOnlyList<string>)[.. row, Format(result.Corrected[i])]));
            parse.InvocationConfiguration.Output.WriteLine($"{result.Fit.N} of {t.Count} rows corrected ({result.Column}, R² of the trend {result.Fit.RSquared:G4}) → {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Statistics;
using static RelevanceRelated.Analysis.Statistics.CsvTableWriter;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>stats correlate|ols|agebias|residualise|summary|chisq|voxelwise</c>: cohort statistics on a CSV/TSV table, matching R
/// (cor.test, p.adjust, summary(lm) with AIC/BIC, residuals on a polynomial, summarySE, chisq.test); results are written as
/// CSV, and the voxel-wise maps (per-voxel r, cosine, Bonferroni −log10 p across subjects) as NIfTI.
/// </summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var stats = new Command("stats", "Cohort statistics: `stats COHORT` summarises a cohort on the cluster; the subcommands work on a CSV/TSV table (numbers match R).");
        stats.Subcommands.Add(Correlate());
        stats.Subcommands.Add(Ols());
        stats.Subcommands.Add(AgeBias());
        stats.Subcommands.Add(StatsResidualiseCommand.Create());
        stats.Subcommands.Add(Summary());
        stats.Subcommands.Add(StatsChisqCommand.Create());
        stats.Subcommands.Add(StatsAnalysesCommand.Create());
        stats.Subcommands.Add(Voxelwise());
        StatsCohortCommand.AddTo(stats);
        return stats;
    }

    internal static Option<string> TableOption() => new("--table") { Description = "Input table (CSV, or TSV for .tsv/.tab) with a header row; empty cells and NA are missing.", Required = true };
    internal static Option<string> OutOption() => new("--out") { Description = "Output CSV (written atomically).", Required = true };
    internal static Option<string[]> WhereOption() => new("--where") { Description = "Keep rows where COL=VALUE (repeatable; all must hold)." };

    internal static Table Load(ParseResult parse, Option<string> table, Option<string[]> where)
    {
        var t = Table.Read(parse.GetValue(table)!);
        var filters = (parse.GetValue(where) ?? []).Select(TableFilter.Parse).ToList();
        return t.Where(filters);
    }

    private static Command Correlate()
    {
        var table = TableOption();
        var x = new Option<string>("--x") { Description = "First column.", Required = true };
        var y = new Option<string>("--y") { Description = "Second column.", Required = true };
        var by = new Option<string?>("--by") { Description = "Correlate separately per value of this column, or per combination of several comma-separated columns (e.g. hemisphere,structure_name; the group is their values joined by '_')." };
        var where = WhereOption();
        var method = new Option<string>("--method") { Description = "pearson (t-test p, Fisher-z 95% CI) or spearman (t-approximation p, as exact = FALSE).", DefaultValueFactory = _ => "pearson" };
        var correction = new Option<string>("--correction") { Description = "Correction across groups: bonferroni, holm, fdr_bh or none.", DefaultValueFactory = _ => "bonferroni" };
        var tests = new Option<int?>("--n-tests") { Description = "Number of tests for the correction when larger than the number of groups (e.g. structures × 2 hemispheres)." };
        var output = OutOption();
        var command = new Command("correlate", "Correlation per group with corrected p-values → group,n,r,t,df,p,ci_low,ci_high,p_adjusted.");
        foreach (var o in new Option[] { table, x, y, by, where, method, correction, tests, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var rows = GroupedCorrelation.Run(
                Load(parse, table, where), parse.GetValue(x)!, parse.GetValue(y)!, Columns(parse.GetValue(by)),
                CorrelationMethods.Parse(parse.GetValue(method)!), PAdjustMethodNames.Parse(parse.GetValue(correction)!), parse.GetValue(tests));
            var path = parse.GetValue(output)!;
            Write(path, ["group", "n", "r", "t", "df", "p", "ci_low", "ci_high", "p_adjusted"],
                rows.Select(g => (IReadOnlyList<string>)
                [
                    g.Group, g.Result.N.ToString(), Format(g.Result.R), Format(g.Result.T), g.Result.Df.ToString(), Format(g.Result.P),
                    Format(g.Result.CiLow), Format(g.Result.CiHigh), Format(g.PAdjusted),
                ]));
            parse.InvocationConfiguration.Output.WriteLine($"{rows.Count} group(s) → {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Ols()
    {
        var table = TableOption();
        var y = new Option<string>("--y") { Description = "Response column.", Required = true };
        var x = new Option<string?>("--x") { Description = "Predictor columns, comma-separated (an intercept is added)." };
        var poly = new Option<string[]>("--poly") { Description = "COL=DEGREE: raw polynomial terms COL, COL^2, ..., COL^DEGREE (as the original's fits; R's poly(COL, DEGREE, raw = TRUE)); repeatable." };
        var where = WhereOption();
        var output = OutOption();
        var command = new Command("ols", "Least squares as summary(lm) → term,estimate,std_error,t,p,r_squared,adj_r_squared,f,f_p,aic,bic (R's AIC() and BIC()).");
        foreach (var o in new Option[] { table, y, x, poly, where, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var t = Load(parse, table, where);
            var predictors = Columns(parse.GetValue(x)).Select(n => (n, t.Numeric(n))).ToList();
            foreach (var term in parse.GetValue(poly) ?? [])
            {
                var (column, degree) = ParsePoly(term);
                if (predictors.Any(p => p.n == column)) throw new InvalidInputException($"--poly {term}: '{column}' is also in --x; its first power comes from --poly.");
                predictors.AddRange(PolynomialTerms.Raw(column, t.Numeric(column), degree));
            }
            if (predictors.Count == 0) throw new InvalidInputException("--x or --poly: at least one predictor column is needed.");
            var fit = OrdinaryLeastSquares.Fit(t.Numeric(parse.GetValue(y)!), predictors);
            var path = parse.GetValue(output)!;
            Write(path, ["term", "estimate", "std_error", "t", "p", "r_squared", "adj_r_squared", "f", "f_p", "aic", "bic"],
                fit.Coefficients.Select(c => (IReadOnlyList<string>)
                [
                    c.Term, Format(c.Estimate), Format(c.StandardError), Format(c.T), Format(c.P),
                    Format(fit.RSquared), Format(fit.AdjustedRSquared), Format(fit.F), Format(fit.FP), Format(fit.Aic), Format(fit.Bic),
                ]));
            parse.InvocationConfiguration.Output.WriteLine(
                $"n = {fit.N}, R² = {fit.RSquared:G6}, F({fit.FNumeratorDf}, {fit.FDenominatorDf}) = {fit.F:G6}, p = {fit.FP:G4}, AIC = {fit.Aic:G6}, BIC = {fit.Bic:G6} → {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Comma-separated column names (none when the option is absent).</summary>
    internal static IReadOnlyList<string> Columns(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (string Column, int Degree) ParsePoly(string text)
    {
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || !int.TryParse(text[(eq + 1)..], out var degree))
            throw new InvalidInputException($"--poly '{text}': expected COL=DEGREE, e.g. age=3.");
        PolynomialTerms.RequireDegree(degree, $"--poly {text}");
        return (text[..eq].Trim(), degree);
    }

    private static Command AgeBias()
    {
        var table = TableOption();
        var age = new Option<string>("--age") { Description = "Chronological age column.", Required = true };
        var predicted = new Option<string>("--predicted") { Description = "Predicted (brain) age column.", Required = true };
        var id = new Option<string?>("--id") { Description = "Subject column copied to the output (default: a 'row' column with the data row number)." };
        var where = WhereOption();
        var method = new Option<string>("--method") { Description = "poly3 (the original's degree-3 correction) or linear.", DefaultValueFactory = _ => "poly3" };
        var output = OutOption();
        var command = new Command("agebias", "Brain-age gap corrected for age bias → <id>,dba,dba_corrected.");
        foreach (var o in new Option[] { table, age, predicted, id, where, method, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var t = Load(parse, table, where);
            var kind = AgeBiasCorrection.ParseMethod(parse.GetValue(method)!);
            var result = AgeBiasCorrection.Correct(t.Numeric(parse.GetValue(age)!), t.Numeric(parse.GetValue(predicted)!), kind);
            var idColumn = parse.GetValue(id);
            var ids = idColumn is null ? t.Lines.Select(l => (l - 1).ToString()).ToArray() : t.Text(idColumn);
            var path = parse.GetValue(output)!;
            Write(path, [idColumn ?? "row", "dba", "dba_corrected"],
                ids.Select((s, i) => (IReadOnlyList<string>)[s, Format(result.Dba[i]), Format(result.DbaCorrected[i])]));
            parse.InvocationConfiguration.Output.WriteLine($"{result.Fit.N} of {t.Count} subjects corrected ({kind}) → {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Summary()
    {
        var table = TableOption();
        var y = new Option<string>("--y") { Description = "Column to summarise.", Required = true };
        var by = new Option<string?>("--by") { Description = "Summarise separately per value of this column (or of several comma-separated columns)." };
        var where = WhereOption();
        var log = new Option<bool>("--log-a-plus-2") { Description = "Summarise log(a + 2) instead of a (the original's transform for relevance)." };
        var output = OutOption();
        var command = new Command("summary", "Mean with 95% t confidence interval per group, as summarySE → group,n,mean,sd,se,ci,ci_low,ci_high.");
        foreach (var o in new Option[] { table, y, by, where, log, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var t = Load(parse, table, where);
            var column = parse.GetValue(y)!;
            t.ColumnIndex(column);
            var transform = parse.GetValue(log) ? SummaryTransform.LogAPlus2 : SummaryTransform.None;
            var groups = parse.GetValue(by) is { } byColumns ? t.GroupBy(Columns(byColumns)) : [(GroupedCorrelation.AllGroups, t)];
            var path = parse.GetValue(output)!;
            Write(path, ["group", "n", "mean", "sd", "se", "ci", "ci_low", "ci_high"], groups.Select(g =>
            {
                var s = GroupSummary.Of(g.Rows.Numeric(column), transform);
                return (IReadOnlyList<string>)[g.Key, s.N.ToString(), Format(s.Mean), Format(s.Sd), Format(s.Se), Format(s.Ci), Format(s.CiLow), Format(s.CiHigh)];
            }));
            parse.InvocationConfiguration.Output.WriteLine($"{groups.Count} group(s) → {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Voxelwise()
    {
        var table = new Option<string>("--table") { Description = "Cohort table with one row per subject naming its image files (paths relative to the table's folder).", Required = true };
        var relevance = new Option<string>("--relevance-column") { Description = "Column with each subject's relevance map.", Required = true };
        var other = new Option<string>("--other-column") { Description = "Column with each subject's other map (e.g. FA), on the same grid.", Required = true };
        var where = WhereOption();
        var mask = new Option<string?>("--mask") { Description = "Only voxels where this image is non-zero are tested (and counted for Bonferroni)." };
        var output = new Option<string>("--out") { Description = "Output prefix: writes PREFIX_r.nii.gz, PREFIX_cosine.nii.gz, PREFIX_neglog10p_bonferroni.nii.gz.", Required = true };
        var command = new Command("voxelwise", "Per-voxel Pearson r and cosine across subjects with the Bonferroni −log10(min(1, p·n_voxels)) map, as NIfTI.");
        foreach (var o in new Option[] { table, relevance, other, where, mask, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var t = Load(parse, table, where);
            var folder = Path.GetDirectoryName(Path.GetFullPath(t.Source))!;
            string Resolve(string p) => Path.IsPathRooted(p) ? p : Path.Combine(folder, p);
            var paths = VoxelwiseMapFiles.AcrossSubjects(
                t.Text(parse.GetValue(relevance)!).Select(Resolve).ToList(), t.Text(parse.GetValue(other)!).Select(Resolve).ToList(),
                parse.GetValue(mask), parse.GetValue(output)!);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{paths.Subjects} subjects, {paths.TestedVoxels} voxels tested → {paths.R}, {paths.Cosine}, {paths.NegLog10PBonferroni}");
            return ExitCodes.Success;
        });
        return command;
    }
}

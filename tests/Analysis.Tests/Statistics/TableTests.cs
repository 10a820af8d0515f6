using Xunit;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class TableTests
{
    private static string Write(string name, string text)
    {
        var path = Path.Combine(TestData.NewTempDirectory(), name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Empty_cells_NA_and_NaN_read_as_missing()
    {
        var table = Table.Read(Write("t.csv", "id,x\na,1.5\nb,\nc,NA\nd,NaN\ne,-2e-3\n"));
        var x = table.Numeric("x");
        Assert.Equal(1.5, x[0]);
        Assert.True(double.IsNaN(x[1]) && double.IsNaN(x[2]) && double.IsNaN(x[3]));
        Assert.Equal(-0.002, x[4]);
    }

    [Fact]
    public void Tsv_files_split_on_tabs()
    {
        var table = Table.Read(Write("t.tsv", "id\tx\na\t3\n"));
        Assert.Equal(["id", "x"], table.Columns);
        Assert.Equal([3.0], table.Numeric("x"));
    }

    [Fact]
    public void Quoted_cells_keep_separators_and_quotes()
    {
        var table = Table.Read(Write("t.csv", "name,x\r\n\"Smith, J \"\"Jr\"\"\",2\r\n"));
        Assert.Equal(["Smith, J \"Jr\""], table.Text("name"));
    }

    [Fact]
    public void A_non_number_names_file_line_and_column()
    {
        var path = Write("t.csv", "id,age\na,31\nb,old\n");
        var ex = Assert.Throws<InvalidInputException>(() => Table.Read(path).Numeric("age"));
        Assert.Contains($"{path}:3", ex.Message);
        Assert.Contains("'age'", ex.Message);
    }

    [Fact]
    public void A_ragged_row_is_reported_with_its_line()
    {
        var path = Write("t.csv", "a,b\n1,2\n3\n");
        var ex = Assert.Throws<InvalidInputException>(() => Table.Read(path));
        Assert.Contains($"{path}:3", ex.Message);
    }

    [Fact]
    public void Where_keeps_matching_rows_and_by_groups_in_order_of_appearance()
    {
        var table = Table.Read(Write("t.csv", "site,sex,x\nB,f,1\nA,m,2\nB,m,3\nA,f,4\nB,f,5\n"));
        var females = table.Where([TableFilter.Parse("sex=f")]);
        Assert.Equal([1.0, 4, 5], females.Numeric("x"));
        var groups = females.GroupBy("site");
        Assert.Equal(["B", "A"], groups.Select(g => g.Key));
        Assert.Equal([1.0, 5], groups[0].Rows.Numeric("x"));
    }

    [Fact]
    public void A_filter_without_equals_is_bad_input() => Assert.Throws<InvalidInputException>(() => TableFilter.Parse("site"));

    [Fact]
    public void Written_csv_round_trips_numbers_and_leaves_no_temporary_file()
    {
        var dir = TestData.NewTempDirectory();
        var path = Path.Combine(dir, "out.csv");
        File.WriteAllText(path, "old");
        CsvTableWriter.Write(path, ["a", "b"], [["x,y", CsvTableWriter.Format(0.1 + 0.2)], ["z", CsvTableWriter.Format(double.NaN)]]);
        Assert.Equal(["out.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
        var table = Table.Read(path);
        Assert.Equal(["x,y", "z"], table.Text("a"));
        Assert.Equal(0.1 + 0.2, table.Numeric("b")[0]);
        Assert.True(double.IsNaN(table.Numeric("b")[1]));
    }

    [Fact]
    public void A_group_with_too_few_pairs_keeps_its_row_without_statistics()
    {
        var table = Table.Read(Write("t.csv", "g,x,y\na,1,2\na,2,1\na,3,5\na,4,4\nb,1,\nb,2,3\n"));
        var rows = GroupedCorrelation.Run(table, "x", "y", ["g"], CorrelationMethod.Pearson, PAdjustMethod.Bonferroni);
        Assert.Equal(2, rows.Count);
        Assert.Equal(4, rows[0].Result.N);
        Assert.Equal(rows[0].Result.P, rows[0].PAdjusted); // one test with a p-value: nothing to multiply
        Assert.Equal(1, rows[1].Result.N);
        Assert.True(double.IsNaN(rows[1].Result.R) && double.IsNaN(rows[1].PAdjusted));
    }
}

using System.Globalization;
using System.Text;

namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// Relevance per region of one subject's map over one label volume (<see cref="Atlas"/>, e.g. <c>aparc+aseg</c>): a row
/// per label with the original's columns. It reads and writes its own TSV (the features stage stores it as an
/// artifact, export copies it), and <see cref="Sums"/> is the compact form a cohort aggregates.
/// </summary>
public sealed record RegionalRelevanceTable(string Atlas, IReadOnlyList<RegionRelevance> Regions)
{
    public string ToTsv()
    {
        var text = new StringBuilder();
        text.AppendJoin('\t', RegionRelevance.ColumnNames).Append('\n');
        foreach (var r in Regions)
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Label}\t{r.Name}\t{r.SumRelevance:R}\t{r.MeanRelevance:R}\t{r.MinRelevance:R}\t{r.MaxRelevance:R}\t{r.NVoxels}\n");
        return text.ToString();
    }

    /// <exception cref="InvalidInputException">The text lacks a column of <see cref="RegionRelevance.ColumnNames"/> or a cell is not a number.</exception>
    public static RegionalRelevanceTable ReadTsv(string atlas, string text, string source)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) throw new InvalidInputException($"{source}: empty; expected a header with {string.Join(", ", RegionRelevance.ColumnNames)}.");
        var header = lines[0].TrimEnd('\r').Split('\t');
        var columns = RegionRelevance.ColumnNames.Select(name => (Name: name, Index: Array.IndexOf(header, name))).ToArray();
        if (columns.FirstOrDefault(c => c.Index < 0) is { Name: not null } missing)
            throw new InvalidInputException($"{source}: no column '{missing.Name}'; expected {string.Join(", ", RegionRelevance.ColumnNames)}.");
        var regions = new List<RegionRelevance>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].TrimEnd('\r').Split('\t');
            string Cell(int column) => columns[column].Index < cells.Length ? cells[columns[column].Index]
                : throw new InvalidInputException($"{source}: row {i + 1} has {cells.Length} cells; expected {header.Length}.");
            double Number(int column) => double.TryParse(Cell(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new InvalidInputException($"{source}: row {i + 1}, column '{columns[column].Name}' is '{Cell(column)}'; expected a number.");
            regions.Add(new RegionRelevance((int)Number(0), Cell(1), (long)Number(6), Number(2), Number(3), Number(4), Number(5)));
        }
        return new RegionalRelevanceTable(atlas, regions);
    }

    /// <summary>The summed relevance per label, the part of the table a cohort's statistics use.</summary>
    public RegionSums Sums() => new(Atlas, [.. Regions.Select(r => r.Label)], [.. Regions.Select(r => r.SumRelevance)]);
}

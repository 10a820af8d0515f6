using RelevanceRelated.Contracts;
using System.Globalization;
using RelevanceRelated.Analysis;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// Reads a BIDS participants file (tab-separated <c>.tsv</c>, else comma-separated) with a <c>participant_id</c>
/// column and optional <c>age</c> and <c>sex</c>, and finds each subject's images: <c>BIDS/ID/anat/ID_T1w</c> and
/// <c>ID_FLAIR</c> (.nii.gz, .nii, .mgz), a lesion map under <c>LESIONS/ID/</c>, a FreeSurfer directory <c>FREESURFER/ID</c>.
/// A T1 that cannot be found is submitted at its expected path, so that subject's ingest fails with the reason
/// while the rest of the cohort proceeds.
/// </summary>
public static class ParticipantsFile
{
    private static readonly string[] ImageExtensions = [".nii.gz", ".nii", ".mgz"];

    /// <exception cref="InvalidInputException">Unreadable file, missing column, bad value, duplicate or malformed ids (naming the rows).</exception>
    public static IReadOnlyList<SubjectSubmission> Read(string path, string? bidsDirectory = null, string? freeSurferDirectory = null, string? lesionsDirectory = null)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"participants file '{path}' does not exist.");
        var lines = File.ReadAllLines(path);
        var separator = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        if (lines.Length == 0) throw new InvalidInputException($"{path}: empty; expected a header row with participant_id.");
        var header = lines[0].Split(separator).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var idColumn = header.IndexOf("participant_id");
        if (idColumn < 0) throw new InvalidInputException($"{path}: the header has no 'participant_id' column (found: {string.Join(", ", header)}).");
        var (ageColumn, sexColumn) = (header.IndexOf("age"), header.IndexOf("sex"));
        var bids = Path.GetFullPath(bidsDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path))!);

        var rows = new List<(int Row, string Id, Covariates Covariates)>();
        var problems = new List<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = lines[i].Split(separator).Select(c => c.Trim()).ToArray();
            var row = i + 1;
            var id = idColumn < cells.Length ? cells[idColumn] : "";
            if (SubjectKey.Problem(id) is { } problem) { problems.Add($"row {row}: participant_id '{id}' {problem}"); continue; }
            rows.Add((row, id, new Covariates(Age(path, row, cells, ageColumn), Cell(cells, sexColumn))));
        }
        problems.AddRange(rows.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"participant_id '{g.Key}' appears on rows {string.Join(", ", g.Select(r => r.Row))}"));
        if (problems.Count > 0) throw new InvalidInputException($"{path}: {string.Join("; ", problems)}.");

        return rows.Select(r => new SubjectSubmission(r.Id, new SubjectInputs(
            Image(Path.Combine(bids, r.Id, "anat"), $"{r.Id}_T1w") ?? Path.Combine(bids, r.Id, "anat", $"{r.Id}_T1w.nii.gz"),
            Image(Path.Combine(bids, r.Id, "anat"), $"{r.Id}_FLAIR"),
            lesionsDirectory is null ? null : FirstImage(Path.Combine(Path.GetFullPath(lesionsDirectory), r.Id)),
            freeSurferDirectory is null ? null : ExistingDirectory(Path.Combine(Path.GetFullPath(freeSurferDirectory), r.Id))),
            r.Covariates)).ToList();
    }

    private static double? Age(string path, int row, string[] cells, int column)
    {
        var value = Cell(cells, column);
        if (value is null) return null;
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var age) && age is >= 0 and < 150
            ? age
            : throw new InvalidInputException($"{path}: row {row}, column 'age' is '{value}'; expected years as a number, or n/a.");
    }

    private static string? Cell(string[] cells, int column) =>
        column < 0 || column >= cells.Length || cells[column] is "" or "n/a" or "NA" ? null : cells[column];

    private static string? Image(string directory, string stem) =>
        ImageExtensions.Select(e => Path.Combine(directory, stem + e)).FirstOrDefault(File.Exists);

    private static string? FirstImage(string directory) => !Directory.Exists(directory) ? null
        : Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)
            .FirstOrDefault(f => ImageExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)));

    private static string? ExistingDirectory(string directory) => Directory.Exists(directory) ? directory : null;
}

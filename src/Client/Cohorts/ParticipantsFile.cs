using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using System.Globalization;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Spaces;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// Reads a BIDS participants file (tab-separated <c>.tsv</c>, else comma-separated) with a <c>participant_id</c>
/// column and optional <c>age</c>, <c>sex</c> and <c>t1_frame</c> (which frame of a T1 with several frames to use, 0-based),
/// and finds each subject's images: <c>BIDS/ID/anat/ID_T1w</c> and <c>ID_FLAIR</c> (.nii.gz, .nii, .mgz), a lesion map
/// under <c>LESIONS/ID/</c>, a FreeSurfer directory <c>FREESURFER/ID</c>. A T1 that cannot be found is submitted at its
/// expected path, so that subject's ingest fails with the reason while the rest of the cohort proceeds.
/// Spaces: columns <c>flair_to_t1</c>, <c>to_template</c>, <c>to_subject</c> (transform files in antsApplyTransforms
/// order, <c>;</c>-separated, <c>[file,1]</c> for an inverse), <c>template</c>, <c>fa</c> (an FA map in template space) and
/// <c>prepared_MODEL</c> (a model-grid input for <c>[models.MODEL]</c>); relative paths are relative to the participants
/// file's folder. Where a row leaves them empty, transforms are found under <c>TRANSFORMS/ID/</c>
/// (<see cref="TransformDiscovery"/>) and the FA map under <c>FA/ID/</c>. Every bad row is named in one error, with control
/// characters in ids escaped.
/// </summary>
public static class ParticipantsFile
{
    private static readonly string[] ImageExtensions = [".nii.gz", ".nii", ".mgz"];

    /// <param name="dataRoot">When given, every input must lie below it (<see cref="DataRoot"/>), symbolic links resolved.</param>
    /// <param name="t1Frame">The T1 frame for rows whose <c>t1_frame</c> cell is empty (<c>submit --t1-frame</c>).</param>
    /// <exception cref="InvalidInputException">
    /// Unreadable file, missing column, a given folder that does not exist, bad values, duplicate or malformed ids, or
    /// inputs outside the data root (naming every such row).
    /// </exception>
    /// <param name="transformsDirectory">Folder of per-subject transform folders (<c>--transforms</c>).</param>
    /// <param name="faDirectory">Folder of per-subject FA map folders (<c>--fa</c>).</param>
    /// <param name="template">The template name for transforms whose names do not say it (ANTs), when no <c>template</c> cell does.</param>
    public static IReadOnlyList<SubjectSubmission> Read(string path, string? bidsDirectory = null, string? freeSurferDirectory = null,
        string? lesionsDirectory = null, string? dataRoot = null, int? t1Frame = null, string? transformsDirectory = null,
        string? faDirectory = null, string? template = null)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"participants file '{MessageText.Escape(path)}' does not exist.");
        foreach (var (option, folder) in (ReadOnlySpan<(string, string?)>)[("--bids", bidsDirectory), ("--freesurfer", freeSurferDirectory),
                     ("--lesions", lesionsDirectory), ("--transforms", transformsDirectory), ("--fa", faDirectory)])
            if (folder is not null && !Directory.Exists(folder))
                throw new InvalidInputException($"{option} '{MessageText.Escape(folder)}' is not an existing folder.");
        if (t1Frame is < 0) throw new InvalidInputException($"--t1-frame is {t1Frame}; expected a frame number from 0.");
        var lines = File.ReadAllLines(path);
        var separator = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        if (lines.Length == 0) throw new InvalidInputException($"{path}: empty; expected a header row with participant_id.");
        var header = lines[0].Split(separator).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var idColumn = header.IndexOf("participant_id");
        if (idColumn < 0)
            throw new InvalidInputException($"{path}: the header has no 'participant_id' column (found: {MessageText.Escape(string.Join(", ", header))}).");
        var (ageColumn, sexColumn, frameColumn) = (header.IndexOf("age"), header.IndexOf("sex"), header.IndexOf("t1_frame"));
        var bids = Path.GetFullPath(bidsDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
        var columns = new SpaceColumns(header, lines[0].Split(separator).Select(h => h.Trim()).ToArray(), Path.GetDirectoryName(Path.GetFullPath(path))!);

        var rows = new List<(int Row, SubjectSubmission Subject)>();
        var problems = new List<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = lines[i].Split(separator).Select(c => c.Trim()).ToArray();
            var row = i + 1;
            var id = idColumn < cells.Length ? cells[idColumn] : "";
            if (SubjectKey.Problem(id) is { } problem)
            {
                problems.Add($"row {row}: participant_id '{MessageText.Escape(id)}' {problem}");
                continue;
            }
            var age = Number(row, cells, ageColumn, "age", "years as a number, or n/a", v => v is >= 0 and < 150, problems);
            var frame = Number(row, cells, frameColumn, "t1_frame", "a frame number from 0 (which frame of a T1 with several to use), or n/a",
                v => v >= 0 && v == Math.Floor(v) && v <= int.MaxValue, problems);
            var found = transformsDirectory is null ? TransformDiscovery.None
                : TransformDiscovery.In(Path.Combine(Path.GetFullPath(transformsDirectory), id), Cell(cells, columns.Template) ?? template ?? "template", row, problems);
            var toTemplate = columns.Chain(cells, columns.ToTemplate, "to_template", row, problems) ?? found.ToTemplate;
            var toSubject = columns.Chain(cells, columns.ToSubject, "to_subject", row, problems) ?? found.ToSubject;
            var inputs = new SubjectInputs(
                Image(Path.Combine(bids, id, "anat"), $"{id}_T1w") ?? Path.Combine(bids, id, "anat", $"{id}_T1w.nii.gz"),
                Image(Path.Combine(bids, id, "anat"), $"{id}_FLAIR"),
                lesionsDirectory is null ? null : FirstImage(Path.Combine(Path.GetFullPath(lesionsDirectory), id)),
                freeSurferDirectory is null ? null : ExistingDirectory(Path.Combine(Path.GetFullPath(freeSurferDirectory), id)),
                frame is { } f ? (int)f : t1Frame,
                columns.Chain(cells, columns.FlairToT1, "flair_to_t1", row, problems) ?? found.FlairToT1,
                toTemplate.IsEmpty && toSubject.IsEmpty ? null : Cell(cells, columns.Template) ?? found.Template ?? template ?? "template",
                toTemplate,
                toSubject,
                columns.ExistingFile(cells, columns.Fa, "fa", row, problems) ?? (faDirectory is null ? null : FaMap(Path.Combine(Path.GetFullPath(faDirectory), id), row, problems)),
                columns.Prepared(cells, row, problems));
            if (dataRoot is not null) CheckDataRoot(dataRoot, row, inputs, problems);
            rows.Add((row, new SubjectSubmission(id, inputs, new Covariates(age, Cell(cells, sexColumn)))));
        }
        problems.AddRange(rows.GroupBy(r => r.Subject.SubjectId, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"participant_id '{MessageText.Escape(g.Key)}' appears on rows {string.Join(", ", g.Select(r => r.Row))}"));
        if (problems.Count > 0) throw new InvalidInputException($"{path}: {string.Join("; ", problems)}.");
        return rows.Select(r => r.Subject).ToList();
    }

    /// <summary>The cell as a number accepted by <paramref name="accept"/>, null when empty, or a problem naming row and column.</summary>
    private static double? Number(int row, string[] cells, int column, string name, string expected, Func<double, bool> accept, List<string> problems)
    {
        var value = Cell(cells, column);
        if (value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && accept(number)) return number;
        problems.Add($"row {row}: column '{name}' is '{MessageText.Escape(value)}'; expected {expected}");
        return null;
    }

    private static void CheckDataRoot(string dataRoot, int row, SubjectInputs inputs, List<string> problems)
    {
        IEnumerable<(string, string?)> all =
        [
            ("T1 image", inputs.T1), ("FLAIR image", inputs.Flair), ("lesion probability map", inputs.LesionProbability),
            ("FreeSurfer directory", inputs.FreeSurferDirectory), ("FA map", inputs.FractionalAnisotropy),
            .. SubjectInputs.Chain(inputs.FlairToT1).Select(t => ("flair_to_t1 transform", (string?)TransformReference.Parse(t).Path)),
            .. SubjectInputs.Chain(inputs.ToTemplate).Select(t => ("to_template transform", (string?)TransformReference.Parse(t).Path)),
            .. SubjectInputs.Chain(inputs.ToSubject).Select(t => ("to_subject transform", (string?)TransformReference.Parse(t).Path)),
            .. inputs.PreparedInputs().Select(p => ($"prepared input of {p.Key}", (string?)p.Value)),
        ];
        foreach (var (what, input) in all)
        {
            if (input is null) continue;
            try
            {
                DataRoot.Resolve(dataRoot, input, what);
            }
            catch (InvalidInputException ex)
            {
                problems.Add($"row {row}: {ex.Message.TrimEnd('.')}");
            }
        }
    }

    private static string? Cell(string[] cells, int column) =>
        column < 0 || column >= cells.Length || cells[column] is "" or "n/a" or "NA" ? null : cells[column];

    private static string? Image(string directory, string stem) =>
        ImageExtensions.Select(e => Path.Combine(directory, stem + e)).FirstOrDefault(File.Exists);

    private static string? FirstImage(string directory) => !Directory.Exists(directory) ? null
        : Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)
            .FirstOrDefault(f => ImageExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)));

    private static string? ExistingDirectory(string directory) => Directory.Exists(directory) ? directory : null;

    /// <summary>The FA map in a subject's folder: its only image, or the one image named <c>*FA</c> among several.</summary>
    private static string? FaMap(string directory, int row, List<string> problems)
    {
        if (!Directory.Exists(directory)) return null;
        var images = Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)
            .Where(f => ImageExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))).ToList();
        if (images.Count > 1) images = images.Where(f => Stem(f).EndsWith("FA", StringComparison.Ordinal)).ToList();
        if (images.Count == 1) return images[0];
        if (images.Count > 1) problems.Add($"row {row}: {directory} holds {images.Count} FA maps ({string.Join(", ", images.Select(Path.GetFileName))}); expected one");
        return null;
    }

    private static string Stem(string path)
    {
        var name = Path.GetFileName(path);
        var extension = ImageExtensions.First(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return name[..^extension.Length];
    }

    /// <summary>The spaces columns of a header (−1 when absent), read per row.</summary>
    private sealed class SpaceColumns(List<string> header, string[] rawHeader, string folder)
    {
        private const string PreparedPrefix = "prepared_";

        public int FlairToT1 { get; } = header.IndexOf("flair_to_t1");
        public int ToTemplate { get; } = header.IndexOf("to_template");
        public int ToSubject { get; } = header.IndexOf("to_subject");
        public int Template { get; } = header.IndexOf("template");
        public int Fa { get; } = header.IndexOf("fa");

        /// <summary>A <c>;</c>-separated chain, null when the cell is empty (then discovery decides).</summary>
        public ImmutableArray<string>? Chain(string[] cells, int column, string name, int row, List<string> problems)
        {
            if (Cell(cells, column) is not { } value) return null;
            var chain = ImmutableArray.CreateBuilder<string>();
            foreach (var item in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                TransformReference reference;
                try
                {
                    reference = TransformReference.Parse(item, $"column '{name}'");
                }
                catch (InvalidInputException ex)
                {
                    problems.Add($"row {row}: {ex.Message}");
                    continue;
                }
                var path = Path.GetFullPath(reference.Path, folder);
                if (!File.Exists(path)) problems.Add($"row {row}: column '{name}' names '{MessageText.Escape(reference.Path)}', which does not exist ({MessageText.Escape(path)})");
                chain.Add((reference with { Path = path }).ToString());
            }
            return chain.ToImmutable();
        }

        /// <summary>A file named by the cell, null when the cell is empty; a missing file is a problem of the row.</summary>
        public string? ExistingFile(string[] cells, int column, string name, int row, List<string> problems)
        {
            if (Cell(cells, column) is not { } value) return null;
            var path = Path.GetFullPath(value, folder);
            if (!System.IO.File.Exists(path)) problems.Add($"row {row}: column '{name}' names '{MessageText.Escape(value)}', which does not exist ({MessageText.Escape(path)})");
            return path;
        }

        /// <summary>The <c>prepared_MODEL</c> cells of the row, by model as the header spells it (null when there are none).</summary>
        public ImmutableDictionary<string, string>? Prepared(string[] cells, int row, List<string> problems)
        {
            var prepared = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
            {
                if (!header[c].StartsWith(PreparedPrefix, StringComparison.Ordinal) || header[c].Length == PreparedPrefix.Length) continue;
                if (ExistingFile(cells, c, header[c], row, problems) is { } path) prepared[rawHeader[c][PreparedPrefix.Length..]] = path;
            }
            return prepared.Count == 0 ? null : prepared.ToImmutable();
        }
    }
}

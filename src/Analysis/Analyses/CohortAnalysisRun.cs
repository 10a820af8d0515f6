using RelevanceRelated.Analysis.Analyses.Missingness;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>A merged table an analysis run wrote: its path under the cohort's results folder, its analysis and its row count.</summary>
public sealed record MergedTableInfo(string RelativePath, AnalysisKind Analysis, int Rows);

/// <summary>What one run of the cohort analyses produced under <see cref="Folder"/>.</summary>
public sealed record CohortAnalysesOutcome(
    string Folder,
    IReadOnlyList<MergedTableInfo> Tables,
    IReadOnlyList<string> StatisticsFiles,
    IReadOnlyList<RegionalCorrelationSet> Correlations,
    IReadOnlyList<string> Warnings);

/// <summary>
/// The cohort side of the analyses: subjects' table parts (<see cref="SubjectAnalyses"/>) stream into the merged tables
/// with the original's names, check_N's overview is written from the participants, then the R scripts' statistics run
/// on the merged tables (<see cref="MergedTableAnalyses"/>). Everything is written into a staging folder beside
/// <c>folder</c> that replaces it only when the run completes, so a failed run leaves the previous results whole.
/// Only the selected analyses' tables are written; the folder holds exactly what the last run produced.
/// </summary>
public sealed class CohortAnalysisRun : IDisposable
{
    private readonly string _folder;
    private readonly string _staging;
    private readonly IReadOnlySet<AnalysisKind> _selection;
    private readonly MergedTableWriter _writer;
    private readonly List<ParticipantAvailability> _participants = [];
    private readonly List<string> _warnings = [];
    private bool _completed;

    public CohortAnalysisRun(string folder, IReadOnlySet<AnalysisKind> selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Count == 0) throw new InvalidInputException("analyses: choose at least one analysis.");
        _folder = Path.GetFullPath(folder);
        _staging = $"{_folder}.staging-{Guid.NewGuid():N}";
        _selection = selection;
        Directory.CreateDirectory(_staging);
        _writer = new MergedTableWriter(_staging);
    }

    /// <summary>A subject's table parts; parts of analyses not selected are skipped.</summary>
    public void AddSubject(string subject, IEnumerable<SubjectTable> parts)
    {
        foreach (var part in parts)
            if (_selection.Contains(part.Kind)) _writer.Add(subject, part);
    }

    /// <summary>A participant for check_N (whether each sequence produced a relevance map).</summary>
    public void AddParticipant(ParticipantAvailability participant) => _participants.Add(participant);

    public void Warn(string warning) => _warnings.Add(warning);

    public CohortAnalysesOutcome Complete(CohortStatisticsOptions options)
    {
        if (_completed) throw new InvalidOperationException("This analysis run has completed already.");
        _completed = true;
        _writer.Dispose();
        var layout = new ResultsLayout(_staging);
        if (_selection.Contains(AnalysisKind.CheckN) && _participants.Count > 0)
            ParticipantAvailability.Layout.Write(ResultsLayout.In(layout.Missingness, CheckN.OverviewFileName), _participants);
        var tables = _writer.Tables.Select(t => new MergedTableInfo(t.RelativePath, t.Kind, t.Rows)).OrderBy(t => t.RelativePath, StringComparer.Ordinal).ToList();
        if (_selection.Contains(AnalysisKind.CheckN) && _participants.Count > 0)
            tables.Add(new MergedTableInfo($"{ResultsLayout.MissingnessFolder}/{CheckN.OverviewFileName}", AnalysisKind.CheckN, _participants.Count));
        foreach (var kind in _selection.Where(k => tables.All(t => t.Analysis != k)).Order())
            _warnings.Add($"{kind.Name()}: no subject has the inputs this analysis needs; nothing written.");

        var results = MergedTableAnalyses.RunWithFindings(layout, options);
        _warnings.AddRange(results.Warnings);
        var statistics = results.Files.Select(f => Path.GetRelativePath(_staging, f).Replace('\\', '/')).ToList();
        Replace();
        return new CohortAnalysesOutcome(_folder, tables, statistics, results.Correlations, _warnings);
    }

    /// <summary>Moves the staging folder into place; the previous results are removed only after it is there.</summary>
    private void Replace()
    {
        var previous = $"{_folder}.previous-{Guid.NewGuid():N}";
        var hadPrevious = Directory.Exists(_folder);
        if (hadPrevious) Directory.Move(_folder, previous);
        Directory.Move(_staging, _folder);
        if (hadPrevious) Directory.Delete(previous, recursive: true);
    }

    /// <summary>An unfinished run removes its staging folder.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
    }
}

using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Opens every configured model file the way the pipeline will (<see cref="BrainAgeEnsemble.Load"/>,
/// <see cref="ShivaPvsEnsemble.Load"/>) and reports each entry that would be refused, with the same message, so
/// <c>config check</c> refuses exactly what <c>brainage</c>, <c>pvs</c> and the cohort stages would.
/// </summary>
public static class ModelFileCheck
{
    /// <summary>One refused entry: where it is configured ("file:line"), its name ("models.NAME") and why.</summary>
    public sealed record Problem(string Location, string Entry, string Message)
    {
        public override string ToString() => $"{Location}: {Message}";
    }

    /// <summary>The problems of every <c>[models.*]</c> and <c>[pvs_models.*]</c> entry; empty when every file opens and fits.</summary>
    public static IReadOnlyList<Problem> Run(LoadedConfiguration loaded, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var problems = new List<Problem>();
        foreach (var model in loaded.Config.Models.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
            Check(loaded, model.Entry, model.Files.Count, progress, problems, () => BrainAgeEnsemble.Load(model));
        foreach (var model in loaded.Config.PvsModels.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
            Check(loaded, $"pvs_models.{model.Name}", model.Files.Count, progress, problems, () => ShivaPvsEnsemble.Load(model));
        return problems;
    }

    private static void Check(LoadedConfiguration loaded, string entry, int files, Action<string>? progress, List<Problem> problems, Func<IDisposable> open)
    {
        var location = loaded.Entries.TryGetValue($"{entry}.files", out var e) ? e.Location : entry;
        try
        {
            using var opened = open();
            progress?.Invoke($"{entry}: {files} file(s) open and fit the entry");
        }
        catch (InvalidInputException ex)
        {
            problems.Add(new Problem(location, entry, ex.Message));
        }
    }
}

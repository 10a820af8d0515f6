using System.Globalization;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Demo;

/// <summary>One subject's ground-truth check: how well relevance ranks the voxels that truly changed with age.</summary>
public sealed record SubjectRelevanceAuc(string Id, double Age, double Predicted, int AgeEffectVoxels, int BrainVoxels,
    double AucAbsolute, double AucPositive);

/// <summary>A cohort's ground-truth check for one model and rule: per subject, and the cohort mean and SD of each AUC.</summary>
public sealed record RelevanceGroundTruthReport(string Model, string Rule, IReadOnlyList<SubjectRelevanceAuc> Subjects)
{
    public (double Mean, double Sd) AucAbsolute => MeanSd(Subjects.Select(s => s.AucAbsolute));
    public (double Mean, double Sd) AucPositive => MeanSd(Subjects.Select(s => s.AucPositive));

    private static (double, double) MeanSd(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).ToArray();
        if (v.Length == 0) return (double.NaN, double.NaN);
        var mean = v.Average();
        var sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return (mean, sd);
    }
}

/// <summary>
/// The ground-truth check of relevance on a simulated cohort (a <c>simulate</c> output): for each subject, the
/// model's relevance in the native grid (<see cref="BrainAgeExplainer"/>, the rule given), and the ROC AUC
/// (<see cref="RocAuc"/>) of |relevance| and of positive relevance (negative set to 0) for telling the
/// age-effect voxels (derivatives/groundtruth) from the other brain voxels (aseg ≠ 0). 0.5 is chance.
/// </summary>
public static class RelevanceGroundTruth
{
    public static RelevanceGroundTruthReport Run(string cohortDirectory, BrainAgeEnsemble ensemble, BrainAgeExplainer explainer, string rule,
        Action<SubjectRelevanceAuc>? progress = null)
    {
        var layout = new BidsLayout(cohortDirectory);
        var results = new List<SubjectRelevanceAuc>();
        foreach (var (id, age) in ReadParticipants(layout))
        {
            var truthPath = layout.AgeEffectMask(id);
            if (!File.Exists(truthPath))
                throw new InvalidInputException($"--cohort: {truthPath} does not exist; expected a simulated cohort (relevancerelated simulate) with derivatives/groundtruth");
            using var t1 = VolumeFile.Read(layout.T1w(id));
            using var truth = VolumeFile.Read(truthPath);
            using var aseg = VolumeFile.Read(layout.Aseg(id));
            if (truth.SpatialCount != t1.SpatialCount || aseg.SpatialCount != t1.SpatialCount)
                throw new InvalidInputException($"--cohort: {id}: the T1, aseg and age-effect mask differ in shape");
            using var run = ensemble.Run(t1, age);
            using var relevance = explainer.Explain(run, rule);
            var map = relevance.NativeMap.Frame(0);
            var effect = truth.Frame(0);
            var labels = aseg.Frame(0);
            var positive = new bool[map.Length];
            var brain = new bool[map.Length];
            var absolute = new float[map.Length];
            var positivePart = new float[map.Length];
            int effectVoxels = 0, brainVoxels = 0;
            for (var i = 0; i < map.Length; i++)
            {
                positive[i] = effect[i] > 0.5f;
                brain[i] = positive[i] || labels[i] != 0;
                absolute[i] = Math.Abs(map[i]);
                positivePart[i] = Math.Max(map[i], 0);
                if (brain[i]) brainVoxels++;
                if (positive[i]) effectVoxels++;
            }
            var result = new SubjectRelevanceAuc(id, age, run.Prediction.Ensemble, effectVoxels, brainVoxels,
                RocAuc.Compute(absolute, positive, brain), RocAuc.Compute(positivePart, positive, brain));
            results.Add(result);
            progress?.Invoke(result);
        }
        return new RelevanceGroundTruthReport(ensemble.Config.Name, rule, results);
    }

    /// <summary>participant_id and age from participants.tsv.</summary>
    public static IReadOnlyList<(string Id, double Age)> ReadParticipants(BidsLayout layout)
    {
        if (!File.Exists(layout.Participants))
            throw new InvalidInputException($"--cohort: {layout.Participants} does not exist; expected a simulated cohort directory");
        var lines = File.ReadAllLines(layout.Participants).Where(l => l.Length > 0).ToArray();
        var header = lines.Length > 0 ? lines[0].Split('\t') : [];
        var idColumn = Array.IndexOf(header, "participant_id");
        var ageColumn = Array.IndexOf(header, "age");
        if (idColumn < 0 || ageColumn < 0)
            throw new InvalidInputException($"{layout.Participants}: expected the columns participant_id and age in the header");
        var list = new List<(string, double)>();
        for (var l = 1; l < lines.Length; l++)
        {
            var cells = lines[l].Split('\t');
            if (cells.Length <= Math.Max(idColumn, ageColumn) ||
                !double.TryParse(cells[ageColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var age))
                throw new InvalidInputException($"{layout.Participants}: line {l + 1}: expected a participant_id and a numeric age");
            list.Add((cells[idColumn], age));
        }
        if (list.Count == 0) throw new InvalidInputException($"{layout.Participants}: no participants");
        return list;
    }
}

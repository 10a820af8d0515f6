using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Pvs;

/// <summary>
/// How a PVS table's PVS load relates to age and to the brain-age gap (the original's check_pvs_age_relationship and
/// check_pvs_dba_relationship): Pearson r of age with n_pvs_voxel; DBA = brain_age − age, its fit on a raw cubic of
/// age and the residual <c>poly-3-corrected_dba</c> (correct_data_for); and n_pvs_voxel on DBA and on corrected DBA.
/// Fits drop rows with a missing value, as R's lm (the original's statsmodels calls would return NaN instead).
/// </summary>
public sealed record PvsAgeRelationship(
    PvsConfiguration Configuration,
    CorrelationResult AgeWithPvs,
    OlsResult DbaOnAge,
    OlsResult PvsOnDba,
    OlsResult PvsOnCorrectedDba,
    double[] Dba,
    double[] CorrectedDba)
{
    /// <summary>The summary rows, named as R formulas.</summary>
    public IEnumerable<ModelSummaryRow> Summary(int degree) =>
    [
        ModelSummaryRow.Of("cor.test(age, n_pvs_voxel)", AgeWithPvs),
        .. ModelSummaryRow.Of($"lm(dba ~ poly(age, {degree}, raw = TRUE))", DbaOnAge),
        .. ModelSummaryRow.Of("lm(n_pvs_voxel ~ dba)", PvsOnDba),
        .. ModelSummaryRow.Of($"lm(n_pvs_voxel ~ {PolynomialResidualisation.ColumnName("dba", degree)})", PvsOnCorrectedDba),
    ];
}

public static class PvsAgeRelationships
{
    /// <summary>The original's correction degree (<c>degree = 3</c> in check_pvs_dba_relationship).</summary>
    public const int Degree = 3;

    public static PvsAgeRelationship Run(PvsTable table, int degree = Degree)
    {
        var rows = table.Rows;
        var age = rows.Select(r => r.Metrics.Age).ToArray();
        var nPvs = rows.Select(r => (double)r.Metrics.NFeatureVoxel).ToArray();
        var dba = rows.Select(r => r.Metrics.BrainAge - r.Metrics.Age).ToArray();
        var correlation = PearsonCorrelation.Test(age, nPvs);
        var dbaOnAge = OrdinaryLeastSquares.Fit(dba, PolynomialTerms.Raw("age", age, degree));
        var corrected = PolynomialResidualisation.Residualise("dba", dba, "age", age, degree);
        var pvsOnDba = OrdinaryLeastSquares.Fit(nPvs, [("dba", dba)]);
        var pvsOnCorrected = OrdinaryLeastSquares.Fit(nPvs, [(corrected.Column, corrected.Corrected)]);
        return new PvsAgeRelationship(table.Configuration, correlation, dbaOnAge, pvsOnDba, pvsOnCorrected, dba, corrected.Corrected);
    }

    /// <summary>The original ran these checks on the undilated tables only.</summary>
    public static bool AppliesTo(PvsConfiguration configuration) => configuration.DilateBy == 0;

    /// <summary>Writes <c>{stem}_PVS-AGE-DBA.csv</c> beside the PVS tables (the original drew <c>{stem}_PVS-AGE.pdf</c> and <c>_PVS-DBA.pdf</c>).</summary>
    public static string Write(PvsAgeRelationship relationship, ResultsLayout layout, int degree = Degree)
    {
        var path = ResultsLayout.In(layout.Pvs, $"{relationship.Configuration.Stem}_PVS-AGE-DBA.csv");
        ModelSummaryRow.Layout.Write(path, relationship.Summary(degree));
        return path;
    }
}

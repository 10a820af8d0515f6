using System.Globalization;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>How the report writes numbers for people (the CSV tables keep every digit): years to 0.1, r to 0.01, p as journals do.</summary>
public static class ReportNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Years with one decimal ("6.2"); "NA" when missing.</summary>
    public static string Years(double value) => double.IsFinite(value) ? value.ToString("0.0", Invariant) : "NA";

    /// <summary>A signed number of years ("+3.9", "−1.2").</summary>
    public static string SignedYears(double value) =>
        !double.IsFinite(value) ? "NA" : (value >= 0 ? "+" : "−") + Math.Abs(value).ToString("0.0", Invariant);

    /// <summary>A correlation to two decimals with a true minus sign ("0.81", "−0.42").</summary>
    public static string R(double value) =>
        !double.IsFinite(value) ? "NA" : (value < 0 ? "−" : "") + Math.Abs(value).ToString("0.00", Invariant);

    /// <summary>p as "0.047", "0.0064", or "3.2 × 10⁻⁵" below 0.001; "p ≥ 1" is written 1.</summary>
    public static string P(double p)
    {
        if (!double.IsFinite(p)) return "NA";
        if (p >= 1) return "1";
        if (p >= 0.001) return p.ToString(p >= 0.01 ? "0.000" : "0.0000", Invariant);
        if (p <= 0) return "< 10⁻³⁰⁰";
        var exponent = (int)Math.Floor(Math.Log10(p));
        var mantissa = p / Math.Pow(10, exponent);
        if (Math.Round(mantissa, 1) >= 10) { mantissa /= 10; exponent++; }
        return $"{mantissa.ToString("0.0", Invariant)} × 10{Superscript(exponent)}";
    }

    /// <summary>A share as a percentage with one decimal ("12.5 %").</summary>
    public static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0.0", Invariant) + " %" : "NA";

    /// <summary>Four significant digits, for values without a natural unit (relevance).</summary>
    public static string Short(double value) => double.IsFinite(value) ? value.ToString("G4", Invariant).Replace("-", "−", StringComparison.Ordinal) : "NA";

    public static string Count(long value) => value.ToString(Invariant);

    private static string Superscript(int exponent)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = Math.Abs(exponent).ToString(Invariant);
        return (exponent < 0 ? "⁻" : "") + string.Concat(text.Select(c => digits[c - '0']));
    }
}

using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>
/// How the fused kernels evaluate a <see cref="ContributionForm"/> for one input x and one weight w: what x and w add to
/// the denominators' sums (the first part's and, for αβ, the β part's), and the term a winner adds to the relevance
/// accumulator given its shares a = α·r/d and b = −β·r/d⁻. When <see cref="Factored"/>, every term is x times
/// something that does not depend on x, so the kernels add only that something and multiply by x once at the end.
/// The kernels are generic over these structs, so each form's arithmetic is compiled into their loops.
/// </summary>
internal interface IContributionTerms
{
    /// <summary>Terms are x·(…): kernels accumulate (…) and multiply the accumulator by x once.</summary>
    static abstract bool Factored { get; }

    /// <summary>The form has a β part (its sum and share are used).</summary>
    static abstract bool TwoParts { get; }

    static abstract void Add(Vector256<float> x, Vector256<float> w, ref Vector256<float> sum, ref Vector256<float> negativeSum);

    static abstract Vector256<float> Term(Vector256<float> x, Vector256<float> w, Vector256<float> a, Vector256<float> b);

    static abstract void Add(Vector128<float> x, Vector128<float> w, ref Vector128<float> sum, ref Vector128<float> negativeSum);

    static abstract Vector128<float> Term(Vector128<float> x, Vector128<float> w, Vector128<float> a, Vector128<float> b);

    static abstract void Add(float x, float w, ref float sum, ref float negativeSum);

    static abstract float Term(float x, float w, float a, float b);
}

/// <summary>Which <see cref="IContributionTerms"/> a form takes, and the weights its kernels use.</summary>
internal enum TermsKind
{
    /// <summary>x·w' (LRP-0/ε with w' = w; z⁺/α1β0 on x ≥ 0 with w' = w⁺): <see cref="LinearTerms"/>.</summary>
    Linear,
    /// <summary>(x·w)⁺ on a signed x: <see cref="PositiveTerms"/>.</summary>
    Positive,
    /// <summary>αβ on x ≥ 0: x·w⁺ and x·w⁻: <see cref="AlphaBetaTerms"/>.</summary>
    AlphaBeta,
    /// <summary>αβ on a signed x: (x·w)⁺ and (x·w)⁻: <see cref="SignedAlphaBetaTerms"/>.</summary>
    SignedAlphaBeta,
}

internal static class ContributionTerms
{
    /// <summary>The terms of a form on an input that is known to be ≥ 0 or not.</summary>
    public static TermsKind Kind(ContributionForm form, bool inputNonNegative) =>
        !form.PositiveProducts ? TermsKind.Linear
        : form.Negative is null ? (inputNonNegative ? TermsKind.Linear : TermsKind.Positive)
        : inputNonNegative ? TermsKind.AlphaBeta : TermsKind.SignedAlphaBeta;

    /// <summary>The weights the kernels read for this kind: w⁺ when positive products factor through x ≥ 0, else w.</summary>
    public static float Weight(ContributionForm form, TermsKind kind, float w) =>
        kind == TermsKind.Linear && form.PositiveProducts ? Math.Max(w, 0f) : w;

    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
}

/// <summary>t = x·w': the sum is Σ x·w', the accumulated term a·w'.</summary>
internal readonly struct LinearTerms : IContributionTerms
{
    public static bool Factored => true;
    public static bool TwoParts => false;

    public static void Add(Vector256<float> x, Vector256<float> w, ref Vector256<float> sum, ref Vector256<float> negativeSum) =>
        sum = ContributionTerms.MultiplyAdd(x, w, sum);

    public static Vector256<float> Term(Vector256<float> x, Vector256<float> w, Vector256<float> a, Vector256<float> b) => a * w;

    public static void Add(Vector128<float> x, Vector128<float> w, ref Vector128<float> sum, ref Vector128<float> negativeSum) =>
        sum = ContributionTerms.MultiplyAdd(x, w, sum);

    public static Vector128<float> Term(Vector128<float> x, Vector128<float> w, Vector128<float> a, Vector128<float> b) => a * w;

    public static void Add(float x, float w, ref float sum, ref float negativeSum) => sum += x * w;

    public static float Term(float x, float w, float a, float b) => a * w;
}

/// <summary>t = (x·w)⁺ for a signed x (not factored).</summary>
internal readonly struct PositiveTerms : IContributionTerms
{
    public static bool Factored => false;
    public static bool TwoParts => false;

    public static void Add(Vector256<float> x, Vector256<float> w, ref Vector256<float> sum, ref Vector256<float> negativeSum) =>
        sum += Vector256.Max(x * w, Vector256<float>.Zero);

    public static Vector256<float> Term(Vector256<float> x, Vector256<float> w, Vector256<float> a, Vector256<float> b) =>
        a * Vector256.Max(x * w, Vector256<float>.Zero);

    public static void Add(Vector128<float> x, Vector128<float> w, ref Vector128<float> sum, ref Vector128<float> negativeSum) =>
        sum += Vector128.Max(x * w, Vector128<float>.Zero);

    public static Vector128<float> Term(Vector128<float> x, Vector128<float> w, Vector128<float> a, Vector128<float> b) =>
        a * Vector128.Max(x * w, Vector128<float>.Zero);

    public static void Add(float x, float w, ref float sum, ref float negativeSum) => sum += Math.Max(x * w, 0f);

    public static float Term(float x, float w, float a, float b) => a * Math.Max(x * w, 0f);
}

/// <summary>αβ on x ≥ 0: (x·w)⁺ = x·w⁺ and (x·w)⁻ = x·w⁻, so the accumulated term is a·w⁺ + b·w⁻ (factored).</summary>
internal readonly struct AlphaBetaTerms : IContributionTerms
{
    public static bool Factored => true;
    public static bool TwoParts => true;

    public static void Add(Vector256<float> x, Vector256<float> w, ref Vector256<float> sum, ref Vector256<float> negativeSum)
    {
        sum = ContributionTerms.MultiplyAdd(x, Vector256.Max(w, Vector256<float>.Zero), sum);
        negativeSum = ContributionTerms.MultiplyAdd(x, Vector256.Min(w, Vector256<float>.Zero), negativeSum);
    }

    public static Vector256<float> Term(Vector256<float> x, Vector256<float> w, Vector256<float> a, Vector256<float> b) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(w, Vector256<float>.Zero), a, b) * w;

    public static void Add(Vector128<float> x, Vector128<float> w, ref Vector128<float> sum, ref Vector128<float> negativeSum)
    {
        sum = ContributionTerms.MultiplyAdd(x, Vector128.Max(w, Vector128<float>.Zero), sum);
        negativeSum = ContributionTerms.MultiplyAdd(x, Vector128.Min(w, Vector128<float>.Zero), negativeSum);
    }

    public static Vector128<float> Term(Vector128<float> x, Vector128<float> w, Vector128<float> a, Vector128<float> b) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(w, Vector128<float>.Zero), a, b) * w;

    public static void Add(float x, float w, ref float sum, ref float negativeSum)
    {
        if (w > 0f) sum += x * w;
        else negativeSum += x * w;
    }

    public static float Term(float x, float w, float a, float b) => (w > 0f ? a : b) * w;
}

/// <summary>αβ on a signed x: the term a·(x·w)⁺ + b·(x·w)⁻ (not factored).</summary>
internal readonly struct SignedAlphaBetaTerms : IContributionTerms
{
    public static bool Factored => false;
    public static bool TwoParts => true;

    public static void Add(Vector256<float> x, Vector256<float> w, ref Vector256<float> sum, ref Vector256<float> negativeSum)
    {
        var p = x * w;
        sum += Vector256.Max(p, Vector256<float>.Zero);
        negativeSum += Vector256.Min(p, Vector256<float>.Zero);
    }

    public static Vector256<float> Term(Vector256<float> x, Vector256<float> w, Vector256<float> a, Vector256<float> b)
    {
        var p = x * w;
        return Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<float>.Zero), a, b) * p;
    }

    public static void Add(Vector128<float> x, Vector128<float> w, ref Vector128<float> sum, ref Vector128<float> negativeSum)
    {
        var p = x * w;
        sum += Vector128.Max(p, Vector128<float>.Zero);
        negativeSum += Vector128.Min(p, Vector128<float>.Zero);
    }

    public static Vector128<float> Term(Vector128<float> x, Vector128<float> w, Vector128<float> a, Vector128<float> b)
    {
        var p = x * w;
        return Vector128.ConditionalSelect(Vector128.GreaterThan(p, Vector128<float>.Zero), a, b) * p;
    }

    public static void Add(float x, float w, ref float sum, ref float negativeSum)
    {
        var p = x * w;
        if (p > 0f) sum += p;
        else negativeSum += p;
    }

    public static float Term(float x, float w, float a, float b)
    {
        var p = x * w;
        return (p > 0f ? a : b) * p;
    }
}

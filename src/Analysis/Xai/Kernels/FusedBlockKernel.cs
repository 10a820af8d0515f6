using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>
/// A fused block kernel's work for one kind of contribution terms: the generic argument picks the terms, so each kind
/// is compiled into its own loop.
/// </summary>
internal unsafe interface IFusedBlockKernel
{
    void Run<T>(ConvPoolGeometry geometry, ConvLayer conv, ContributionForm form, TermsKind kind, bool readOutput,
        float* input, float* poolInput, float* relevance, float* inputRelevance) where T : struct, IContributionTerms;
}

/// <summary>The entry both fused kernels share: the block's geometry, and the terms the rule's form takes on this input.</summary>
internal static unsafe class FusedBlockKernel
{
    /// <summary>The relevance at x of the block Conv → (ReLU…) → MaxPool, computed by <typeparamref name="TKernel"/>.</summary>
    /// <param name="input">The convolution's input x, [1, C, D, H, W].</param>
    /// <param name="inputNonNegative">x ≥ 0 is known, so positive-part and αβ terms factor through x.</param>
    /// <param name="poolInput">The pooling's input (the convolution's output after the activations), [1, M, D', H', W'].</param>
    /// <param name="relevance">The relevance at the pooling's output, [1, M, PD, PH, PW].</param>
    /// <param name="inputRelevance">Receives the relevance at x (overwritten).</param>
    /// <param name="poolInputIsOutput">
    /// The pooling's input is the convolution's output wherever it is &gt; 0 (only ReLUs or LeakyReLUs between them), so
    /// a form whose denominator is that output (<see cref="ContributionForm.DenominatorIsOutput"/>) reads it there.
    /// </param>
    public static void Backward<TKernel>(float* input, int[] inputShape, bool inputNonNegative, ConvLayer conv, ContributionForm form,
        float* poolInput, int[] poolInputShape, float* relevance, WindowGeometry pool, int[] pooledShape, float* inputRelevance,
        bool poolInputIsOutput = false) where TKernel : struct, IFusedBlockKernel
    {
        var geometry = new ConvPoolGeometry(inputShape, conv, poolInputShape, pool, pooledShape);
        var readOutput = poolInputIsOutput && form.DenominatorIsOutput;
        var kernel = default(TKernel);
        switch (ContributionTerms.Kind(form, inputNonNegative))
        {
            case TermsKind.Linear: kernel.Run<LinearTerms>(geometry, conv, form, TermsKind.Linear, readOutput, input, poolInput, relevance, inputRelevance); break;
            case TermsKind.Positive: kernel.Run<PositiveTerms>(geometry, conv, form, TermsKind.Positive, readOutput, input, poolInput, relevance, inputRelevance); break;
            case TermsKind.AlphaBeta: kernel.Run<AlphaBetaTerms>(geometry, conv, form, TermsKind.AlphaBeta, readOutput, input, poolInput, relevance, inputRelevance); break;
            default: kernel.Run<SignedAlphaBetaTerms>(geometry, conv, form, TermsKind.SignedAlphaBeta, readOutput, input, poolInput, relevance, inputRelevance); break;
        }
    }
}

using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>
/// One rule on every linear layer, under iNNvestigate's analyzer names ("_IB" = ignore bias): lrp.z_IB,
/// lrp.epsilon_IB, lrp.z_plus, lrp.alpha_1_beta_0(_IB), lrp.alpha_2_beta_1(_IB), lrp.gamma, lrp.flat, lrp.w_square,
/// lrp.bounded (z^B).
/// </summary>
public static class UniformComposite
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "lrp.z_IB", "lrp.epsilon_IB", "lrp.z_plus", "lrp.z_plus_IB", "lrp.alpha_1_beta_0", "lrp.alpha_1_beta_0_IB",
        "lrp.alpha_2_beta_1", "lrp.alpha_2_beta_1_IB", "lrp.gamma", "lrp.gamma_IB", "lrp.flat", "lrp.w_square", "lrp.bounded",
    ];

    public static Composite Create(string name, CompositeOptions options)
    {
        LrpRule rule = name switch
        {
            "lrp.z_IB" => new ZeroRule(BiasMode.Ignore),
            "lrp.epsilon_IB" => new EpsilonRule(options.Epsilon ?? 1e-6f, BiasMode.Ignore),
            "lrp.z_plus" => new ZPlusRule(),
            "lrp.z_plus_IB" => new ZPlusRule(BiasMode.Ignore),
            "lrp.alpha_1_beta_0" => new AlphaBetaRule(1f, 0f),
            "lrp.alpha_1_beta_0_IB" => new AlphaBetaRule(1f, 0f, BiasMode.Ignore),
            "lrp.alpha_2_beta_1" => new AlphaBetaRule(2f, 1f),
            "lrp.alpha_2_beta_1_IB" => new AlphaBetaRule(2f, 1f, BiasMode.Ignore),
            "lrp.gamma" => new GammaRule(options.Gamma ?? 0.25f),
            "lrp.gamma_IB" => new GammaRule(options.Gamma ?? 0.25f, BiasMode.Ignore),
            "lrp.flat" => new FlatRule(),
            "lrp.w_square" => new WSquareRule(),
            "lrp.bounded" => new ZBoxRule(options.Low, options.High),
            _ => throw new InvalidInputException($"Unknown uniform rule composite '{name}'."),
        };
        return new Composite(name, rule, rule);
    }
}

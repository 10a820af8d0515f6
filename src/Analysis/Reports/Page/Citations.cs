namespace RelevanceRelated.Analysis.Reports.Page;

/// <summary>A reference the methods text cites.</summary>
public sealed record Citation(string Key, string Text, string? Doi);

/// <summary>The works the generated methods text may cite, numbered in the order the text first cites them.</summary>
public static class Citations
{
    public static readonly Citation RelevanceRelated = new("hofmann2025",
        "Hofmann SM, Goltermann O, Scherf N, Müller K-R, Löffler M, Villringer A, Gaebler M, Witte AV, Beyer F (2025). The utility of explainable AI for MRI analysis: relating model predictions to neuroimaging features of the aging brain. Imaging Neuroscience 3: imag_a_00497.",
        "10.1162/imag_a_00497");

    public static readonly Citation MriNet = new("hofmann2022",
        "Hofmann SM, Beyer F, Lapuschkin S, Goltermann O, Loeffler M, Müller K-R, Villringer A, Samek W, Witte AV (2022). Towards the interpretability of deep learning models for multi-modal neuroimaging: finding structural changes of the ageing brain. NeuroImage 261: 119504.",
        "10.1016/j.neuroimage.2022.119504");

    public static readonly Citation Lrp = new("bach2015",
        "Bach S, Binder A, Montavon G, Klauschen F, Müller K-R, Samek W (2015). On pixel-wise explanations for non-linear classifier decisions by layer-wise relevance propagation. PLoS ONE 10(7): e0130140.",
        "10.1371/journal.pone.0130140");

    public static readonly Citation LrpOverview = new("montavon2019",
        "Montavon G, Binder A, Lapuschkin S, Samek W, Müller K-R (2019). Layer-wise relevance propagation: an overview. In: Explainable AI: Interpreting, Explaining and Visualizing Deep Learning, LNCS 11700, 193–209. Springer.",
        "10.1007/978-3-030-28954-6_10");

    public static readonly Citation Innvestigate = new("alber2019",
        "Alber M, Lapuschkin S, Seegerer P, Hägele M, Schütt KT, Montavon G, Samek W, Müller K-R, Dähne S, Kindermans P-J (2019). iNNvestigate neural networks! Journal of Machine Learning Research 20(93): 1–8.",
        null);

    public static readonly Citation Presets = new("kohlbrenner2020",
        "Kohlbrenner M, Bauer A, Nakajima S, Binder A, Samek W, Lapuschkin S (2020). Towards best practice in explaining neural network decisions with LRP. International Joint Conference on Neural Networks (IJCNN), 1–7.",
        "10.1109/IJCNN48605.2020.9206975");

    public static readonly Citation Zennit = new("anders2021",
        "Anders CJ, Neumann D, Samek W, Müller K-R, Lapuschkin S (2021). Software for dataset-wide XAI: from local explanations to global insights with Zennit, CoRelAy, and ViRelAy. arXiv:2106.13200.",
        null);

    public static readonly Citation Frangi = new("frangi1998",
        "Frangi AF, Niessen WJ, Vincken KL, Viergever MA (1998). Multiscale vessel enhancement filtering. Medical Image Computing and Computer-Assisted Intervention (MICCAI), LNCS 1496, 130–137.",
        "10.1007/BFb0056195");

    public static readonly Citation Shiva = new("boutinaud2021",
        "Boutinaud P, Tsuchida A, Laurent A, Adonias F, Hanifehlou Z, Nozais V, Verrecchia V, Lampe L, Zhang J, Zhu Y-C, Tzourio C, Mazoyer B, Joliot M (2021). 3D segmentation of perivascular spaces on T1-weighted 3 Tesla MR images with a convolutional autoencoder and a U-shaped neural network. Frontiers in Neuroinformatics 15: 641600.",
        "10.3389/fninf.2021.641600");

    public static readonly Citation Desikan = new("desikan2006",
        "Desikan RS, Ségonne F, Fischl B, et al. (2006). An automated labeling system for subdividing the human cerebral cortex on MRI scans into gyral based regions of interest. NeuroImage 31(3): 968–980.",
        "10.1016/j.neuroimage.2006.01.021");

    public static readonly Citation BenjaminiHochberg = new("benjamini1995",
        "Benjamini Y, Hochberg Y (1995). Controlling the false discovery rate: a practical and powerful approach to multiple testing. Journal of the Royal Statistical Society B 57(1): 289–300.",
        "10.1111/j.2517-6161.1995.tb02031.x");
}

/// <summary>Numbers citations in the order they are first cited: <c>Cite</c> returns "[n]".</summary>
public sealed class CitationList
{
    private readonly List<Citation> _cited = [];

    public IReadOnlyList<Citation> Cited => _cited;

    public string Cite(params Citation[] citations)
    {
        var numbers = new List<int>();
        foreach (var citation in citations)
        {
            var index = _cited.IndexOf(citation);
            if (index < 0)
            {
                _cited.Add(citation);
                index = _cited.Count - 1;
            }
            numbers.Add(index + 1);
        }
        return "[" + string.Join(", ", numbers) + "]";
    }
}

using XYield.ML.Benchmark.Baselines;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Trainers;

namespace XYield.ML.Benchmark;

/// <summary>
/// The benchmark's method list by short name. A new method is one more entry of <see cref="Names"/>, <see cref="Create"/>
/// and <see cref="DisplayName"/>; nothing else in the runner or report needs to change.
/// </summary>
public static class BenchmarkMethods
{
    /// <summary>Every method's short name, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["mc", "lgbm", "fasttree", "lgbm+mc", "fasttree+mc", "np", "pt", "mix", "pretrain-sparse", "transfer-sparse", "handtune", "birpt"];

    /// <summary>The methods that need no TorchSharp: what <c>--methods baselines</c> selects.</summary>
    public static IReadOnlyList<string> Baselines { get; } = ["mc", "lgbm", "fasttree", "lgbm+mc", "fasttree+mc"];

    /// <summary>Creates the method called <paramref name="name"/>.</summary>
    /// <param name="name">A short name of <see cref="Names"/>.</param>
    /// <param name="cnn">The pre-trained networks the CNN methods share.</param>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static IBenchmarkMethod Create(string name, PretrainedCache cnn) => name switch
    {
        "mc" => new MarescaCurtinPredictor(),
        "lgbm" => new TreeBaseline(TreeLearner.LightGbm, withMarescaCurtin: false),
        "fasttree" => new TreeBaseline(TreeLearner.FastTree, withMarescaCurtin: false),
        "lgbm+mc" => new TreeBaseline(TreeLearner.LightGbm, withMarescaCurtin: true),
        "fasttree+mc" => new TreeBaseline(TreeLearner.FastTree, withMarescaCurtin: true),
        "np" => new CnnMethod(YieldCnnMethod.NoPretraining, cnn),
        "pt" => new CnnMethod(YieldCnnMethod.PretrainAndTransfer, cnn),
        "mix" => new CnnMethod(YieldCnnMethod.MixTraining, cnn),
        "pretrain-sparse" => new CnnMethod(YieldCnnMethod.PretrainSparsityOnly, cnn),
        "transfer-sparse" => new CnnMethod(YieldCnnMethod.TransferSparsityOnly, cnn),
        "handtune" => new CnnMethod(YieldCnnMethod.HandTune, cnn),
        "birpt" => new CnnMethod(YieldCnnMethod.BiRpt, cnn),
        _ => throw new ArgumentException($"Unknown method '{name}'. Known methods: {string.Join(", ", Names)}, or 'baselines' / 'all'."),
    };

    /// <summary>Which pre-trained network a method fine-tunes: the dense one, the sparse m_s one, or none.</summary>
    /// <param name="name">A method's short name.</param>
    public static PretrainedNetworkKind PretrainedNetworkOf(string name) => name switch
    {
        "pt" or "transfer-sparse" or "birpt" => PretrainedNetworkKind.Dense,
        "handtune" or "pretrain-sparse" => PretrainedNetworkKind.Sparse,
        _ => PretrainedNetworkKind.None,
    };

    /// <summary>
    /// A rough cost of one fit relative to a dense fine-tune (measured on 2 CPU cores, quick profile), used only to
    /// balance shards: baselines 0.05, No Pretraining and the dense and IMP methods 1–2, Mix Training 3, Bi-RPT 10.
    /// </summary>
    /// <param name="name">A method's short name.</param>
    public static double RelativeCost(string name) => name switch
    {
        "mc" or "lgbm" or "fasttree" or "lgbm+mc" or "fasttree+mc" => 0.05,
        "mix" => 3,
        "birpt" => 10,
        "transfer-sparse" or "handtune" => 2,
        _ => 1,
    };

    /// <summary>Reads a comma-separated method list; "baselines" and "all" expand, duplicates are dropped.</summary>
    /// <param name="text">The list.</param>
    public static IReadOnlyList<string> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new List<string>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var lower = item.ToLowerInvariant();
            var expanded = lower switch
            {
                "all" => Names,
                "baselines" => Baselines,
                _ when Names.Contains(lower) => [lower],
                _ => throw new ArgumentException($"Unknown method '{item}'. Known methods: {string.Join(", ", Names)}, or 'baselines' / 'all'."),
            };
            names.AddRange(expanded.Where(n => !names.Contains(n)));
        }

        return names.Count > 0 ? names : throw new ArgumentException("--methods names no method.");
    }

    /// <summary>The table name of a method, or the short name itself when it is not (or no longer) known.</summary>
    /// <param name="name">A method's short name.</param>
    public static string DisplayName(string name) => name switch
    {
        "mc" => "Maresca–Curtin (simulation)",
        "lgbm" => "LightGBM",
        "fasttree" => "FastTree",
        "lgbm+mc" => "LightGBM + MC feature",
        "fasttree+mc" => "FastTree + MC feature",
        "np" => "No Pretraining (CNN)",
        "pt" => "Pretrain-and-transfer (CNN)",
        "mix" => "Mix Training (CNN)",
        "pretrain-sparse" => "Pretrain sparsity only (IMP)",
        "transfer-sparse" => "Transfer sparsity only (IMP)",
        "handtune" => "Hand-Tune (IMP twice)",
        "birpt" => "Bi-RPT",
        _ => name,
    };
}

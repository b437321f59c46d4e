using XYield.ML.Benchmark.Baselines;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Methods;
using XYield.ML.Training;

namespace XYield.ML.Benchmark;

/// <summary>
/// The benchmark's method list by short name: the classical baselines, then every CNN method of the library's registry
/// (<see cref="YieldCnnMethod.All"/>), so a method added there is in the benchmark with nothing to change here.
/// </summary>
public static class BenchmarkMethods
{
    // The classical baselines in report order; they hold no state, so one instance serves every run. Declared before Names,
    // which reads it: static initialisers run in textual order.
    private static readonly IBenchmarkMethod[] BaselineMethods =
    [
        new MarescaCurtinPredictor(),
        new TreeBaseline(TreeLearner.LightGbm, withMarescaCurtin: false),
        new TreeBaseline(TreeLearner.FastTree, withMarescaCurtin: false),
        new TreeBaseline(TreeLearner.FastForest, withMarescaCurtin: false),
        new TreeBaseline(TreeLearner.LightGbm, withMarescaCurtin: true),
        new TreeBaseline(TreeLearner.FastTree, withMarescaCurtin: true),
        new TreeBaseline(TreeLearner.FastForest, withMarescaCurtin: true),
        new GaussianProcessCorrection(),
        new AverageOfMethods(ForestAndGaussianProcess, "Mean of forest + MC and GP on MC",
            new TreeBaseline(TreeLearner.FastForest, withMarescaCurtin: true), new GaussianProcessCorrection()),
    ];

    /// <summary>The short name of the equal-weight average of <c>forest+mc</c> and <c>gp+mc</c>: "blend+mc".</summary>
    public const string ForestAndGaussianProcess = "blend+mc";

    /// <summary>The short name of the equal-weight average of <c>pt</c> (the CNN) and <c>forest+mc</c>: "pt-forest+mc".</summary>
    public const string TransferAndForest = "pt-forest+mc";

    private static readonly string[] BaselineNames = [.. BaselineMethods.Select(m => m.Name)];

    /// <summary>
    /// The method XYield.ML recommends for yield-strength prediction from a few measurements: the equal-weight mean of the
    /// pretrain-and-transfer CNN and the random forest with the Maresca–Curtin feature (<see cref="TransferAndForest"/>).
    /// Chosen by cross-validation on training parts only (<c>eng/measure/recommend-cv.cs</c>: 5-fold CV by composition on
    /// the training parts of the 5 % and 10 % splits, seeds 0–9; the lowest mean CV MSE averaged over the two splits),
    /// never by test numbers; the study's table is in docs/benchmark.md.
    /// </summary>
    public const string Recommended = TransferAndForest;

    /// <summary>Members of the ensemble entries (<c>pt-ensemble</c>): enough for a usable spread at five fine-tunes' cost.</summary>
    public const int EnsembleMembers = 5;

    // Ensembles of these CNN methods are entries of their own (with an uncertainty, so in the calibration table).
    private static readonly YieldCnnMethod[] EnsembledMethods = [YieldCnnMethod.PretrainAndTransfer];

    // These CNN methods also run with their fine-tuning epoch chosen by cross-validation on the training part ("pt-cv").
    private static readonly YieldCnnMethod[] EpochSelectedMethods = [YieldCnnMethod.PretrainAndTransfer];

    // Every entry in report order: the baselines, the library's CNN methods, then the benchmark's compositions of them.
    private static readonly MethodEntry[] Entries =
    [
        .. BaselineMethods.Select(BaselineEntry),
        .. YieldCnnMethod.All.Select(CnnEntry),
        new(TransferAndForest, "Mean of pretrain-and-transfer and forest + MC",
            $"physics-informed: the equal-weight mean of pt and forest+mc (the library's YieldTransferAndForest), its standard deviation √(α² + (β·r)²) of the halves' disagreement r, α and β fitted to {CnnMethod.EpochSelectionFolds}-fold cross-validation errors on the training part (folds hold whole compositions); classification: the class of the mean",
            PretrainingNeed.Dense, _ => CnnMethod.EpochSelectionFolds + 1, cnn => new TransferAndForestMethod(cnn)),
        .. EpochSelectedMethods.Select(m => new MethodEntry(CnnMethod.NameWithEpochSelection(m), $"{m.DisplayName}, epoch by CV",
            $"CNN: {m.DisplayName}, stopped at the fine-tuning epoch with the best {CnnMethod.EpochSelectionFolds}-fold cross-validation score on the training part (folds hold whole compositions; the schedule still spans every epoch)",
            m.Pretraining, _ => CnnMethod.EpochSelectionFolds + 1, cnn => new CnnMethod(m, cnn, selectsEpoch: true))),
        .. EnsembledMethods.Select(m => new MethodEntry(CnnEnsembleMethod.NameOf(m), $"{m.DisplayName}, ensemble of {EnsembleMembers}",
            $"CNN ensemble: {EnsembleMembers} × {m.DisplayName} (seeds s … s + {EnsembleMembers - 1}, one pre-trained network); mean, and the members' standard deviation as the uncertainty",
            m.Pretraining, _ => EnsembleMembers, cnn => new CnnEnsembleMethod(m, EnsembleMembers, cnn))),
        .. EnsembledMethods.Select(m => new MethodEntry(CnnEnsembleMethod.CalibratedNameOf(m), $"{m.DisplayName}, ensemble of {EnsembleMembers}, CV-calibrated spread",
            $"CNN ensemble: {EnsembleMembers} × {m.DisplayName} as {CnnEnsembleMethod.NameOf(m)}, its standard deviation scaled by {CnnMethod.EpochSelectionFolds}-fold cross-validation on the training part (the same ensemble on each fold; s = √(mean z²) of the held rows); regression calibrated, classification as the raw ensemble",
            m.Pretraining, _ => EnsembleMembers * (CnnMethod.EpochSelectionFolds + 1), cnn => new CnnEnsembleMethod(m, EnsembleMembers, cnn, calibratesSpread: true))),
    ];

    private static readonly Dictionary<string, MethodEntry> EntriesByName = Entries.ToDictionary(e => e.Name);

    /// <summary>Every method's short name, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>The methods that need no TorchSharp: what <c>--methods baselines</c> selects.</summary>
    public static IReadOnlyList<string> Baselines => BaselineNames;

    /// <summary>Creates the method called <paramref name="name"/>.</summary>
    /// <param name="name">A short name of <see cref="Names"/>.</param>
    /// <param name="cnn">The pre-trained networks the CNN methods share.</param>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static IBenchmarkMethod Create(string name, PretrainedCache cnn) =>
        EntriesByName.TryGetValue(name, out var entry) ? entry.Create(cnn) : throw UnknownMethod(name);

    /// <summary>Which pre-trained network a method fine-tunes: the dense one, the sparse m_s one, or none.</summary>
    /// <param name="name">A method's short name.</param>
    public static PretrainingNeed PretrainedNetworkOf(string name) =>
        EntriesByName.TryGetValue(name, out var entry) ? entry.Pretraining : PretrainingNeed.None;

    /// <summary>
    /// Whether a setting of the results fingerprint (<see cref="BenchmarkProfile.Fingerprint"/>, by option name) can change
    /// the numbers of <paramref name="name"/>'s runs, so that runs made with other values of it are not comparable. The
    /// classical baselines train no network and depend on none of them; the <c>--birpt-…</c> settings and the coefficient
    /// search's (<c>--search</c>, <c>--budgets</c>, <c>--lower-rates</c>) act in Bi-RPT only, <c>--ns</c> and <c>--nt</c> in
    /// the methods that learn masks; the protocol and the pre-training and fine-tuning sizes in every CNN method. An unknown
    /// method or setting is assumed to depend.
    /// </summary>
    /// <param name="name">A method's short name.</param>
    /// <param name="option">A fingerprint key, e.g. "--birpt-target".</param>
    public static bool DependsOn(string name, string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (!EntriesByName.TryGetValue(name, out var entry))
        {
            return true;
        }

        return option switch
        {
            _ when BaselineNames.Contains(name) => false,
            _ when option.StartsWith("--birpt-", StringComparison.Ordinal)
                || option is BenchmarkProfile.SearchKey or BenchmarkProfile.SearchBudgetsKey or BenchmarkProfile.SearchLowerRatesKey
                => name == YieldCnnMethod.BiRpt.Name,
            "--ns" or "--nt" => entry.LearnsMasks,
            _ => true,
        };
    }

    /// <summary>
    /// A rough cost of one fit of <paramref name="profile"/>, in dense fine-tunes (used only to balance shards): the steps
    /// it trains relative to a dense fine-tune. Baselines 0.05; No Pretraining and the dense transfer 1; the IMP methods one
    /// fine-tune per stage (1 + N_t); Bi-RPT 2.5 (one of its steps costs about 2.3 dense ones, measured); Mix Training its
    /// pass over the simulated points (<see cref="PretrainingCost"/>: about 100 on the paper profile, 2.4 on the quick one);
    /// ensembles and cross-validated choices the fits they make; a name not (or no longer) known 1.
    /// </summary>
    /// <param name="name">A method's short name.</param>
    /// <param name="profile">The settings the fit trains with.</param>
    public static double RelativeCost(string name, BenchmarkProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return EntriesByName.TryGetValue(name, out var entry) ? entry.Cost(profile) : 1;
    }

    /// <summary>
    /// One dense pre-training of <paramref name="profile"/> in dense fine-tunes: its steps (epochs × simulated points / the
    /// pre-training batch of 16) over a fine-tune's (epochs × 25 points of the 10 % split / the fine-tuning batch of 4).
    /// </summary>
    /// <param name="profile">The settings.</param>
    public static double PretrainingCost(BenchmarkProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        const int FewShotPoints = 25;
        // The profile's stages are the paper's with its epochs (BenchmarkProfile.Cnn), so their batches are the paper's.
        var pretrainingSteps = (double)profile.PretrainingEpochs * Math.Ceiling(profile.SimulatedCount / (double)StageOptions.PaperPretraining.BatchSize);
        var fineTuningSteps = (double)profile.FineTuningEpochs * Math.Ceiling(FewShotPoints / (double)StageOptions.PaperFineTuning.BatchSize);
        return pretrainingSteps / fineTuningSteps;
    }

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
                _ => throw UnknownMethod(item),
            };
            names.AddRange(expanded.Where(n => !names.Contains(n)));
        }

        return names.Count > 0 ? names : throw new ArgumentException("--methods names no method.");
    }

    /// <summary>
    /// What each method is, for <c>xyield benchmark --methods list</c>: short name, table name, and one line on what it needs
    /// and does (for the CNN methods from the library's registry).
    /// </summary>
    public static IReadOnlyList<(string Name, string DisplayName, string Summary)> Describe() =>
        Entries.Select(e => (e.Name, e.DisplayName, (e.Name == Recommended ? "RECOMMENDED (chosen by cross-validation on training parts). " : "") + e.Summary)).ToArray();

    /// <summary>The table name of a method, or the short name itself when it is not (or no longer) known.</summary>
    /// <param name="name">A method's short name.</param>
    public static string DisplayName(string name) => EntriesByName.TryGetValue(name, out var entry) ? entry.DisplayName : name;

    private static ArgumentException UnknownMethod(string name) =>
        new($"Unknown method '{name}'. Known methods: {string.Join(", ", Names)}, or 'baselines' / 'all'.");

    private static MethodEntry BaselineEntry(IBenchmarkMethod baseline) => new(baseline.Name, baseline.DisplayName, baseline switch
    {
        TreeBaseline tree => $"baseline: {(tree.Learner == TreeLearner.FastForest ? $"a random forest ({tree.Settings.Rounds} trees)" : "gradient-boosted trees")} on the 11 fractions{(tree.WithMarescaCurtin ? ", T and the Maresca–Curtin estimate" : " and T")}",
        AverageOfMethods average => $"physics-informed: the equal-weight mean of {average.Parts.First} and {average.Parts.Second} (yield strengths; classification: the class of the mean)",
        GaussianProcessCorrection => "physics-informed: the Maresca–Curtin estimate as the trend (β₀ + β₁·σ_MC), a Gaussian process over fractions and T for the departures; kernel by marginal likelihood on the training part",
        _ => $"baseline: {baseline.DisplayName}, the estimate itself (no training)",
    }, PretrainingNeed.None, _ => 0.05, _ => baseline);

    private static MethodEntry CnnEntry(YieldCnnMethod method) => new(method.Name, method.DisplayName,
        $"CNN: {method.Summary}; pre-training {method.Pretraining.ToString().ToLowerInvariant()}{(method.UsesSourceData ? ", reads the simulated data while fine-tuning" : "")}{(method.IsSparse ? ", learns masks" : "")}",
        method.Pretraining, profile => CnnCost(method, profile), cnn => new CnnMethod(method, cnn)) { LearnsMasks = method.IsSparse };

    private static double CnnCost(YieldCnnMethod method, BenchmarkProfile profile) =>
        method == YieldCnnMethod.MixTraining ? PretrainingCost(profile)
        : method == YieldCnnMethod.BiRpt ? 2.5
        : method == YieldCnnMethod.TransferSparsityOnly || method == YieldCnnMethod.HandTune ? 1 + profile.TransferRounds
        : 1;

    // One entry of the method list: what the CLI lists, the report names, the shards weigh and the runner creates.
    private sealed record MethodEntry(
        string Name, string DisplayName, string Summary, PretrainingNeed Pretraining,
        Func<BenchmarkProfile, double> Cost, Func<PretrainedCache, IBenchmarkMethod> Create)
    {
        /// <summary>Whether the method prunes or gates weights (the IMP methods and Bi-RPT).</summary>
        public bool LearnsMasks { get; init; }
    }
}

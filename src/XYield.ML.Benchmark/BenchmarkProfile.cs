using System.Globalization;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Training;

namespace XYield.ML.Benchmark;

/// <summary>
/// The sizes of a benchmark: seeds, splits and the CNN methods' training. <see cref="Paper"/> and <see cref="Quick"/> are
/// the two profiles; every field can be overridden with <c>with</c> (the command line's options do so).
/// </summary>
/// <param name="Name">"paper" or "quick": the profile the sizes started from.</param>
/// <param name="Seeds">Seeds R (0 … R−1).</param>
/// <param name="Splits">Comma-separated split names.</param>
/// <param name="SimulatedCount">Simulated (source) points.</param>
/// <param name="PretrainingEpochs">Pre-training epochs (also Mix Training's, and each pre-training IMP round's).</param>
/// <param name="FineTuningEpochs">Fine-tuning epochs (also No Pretraining's, Bi-RPT's and each transfer IMP round's).</param>
/// <param name="PretrainingRounds">IMP rounds N_s during pre-training (pretrain-sparse, handtune).</param>
/// <param name="TransferRounds">IMP rounds N_t during fine-tuning (transfer-sparse, handtune).</param>
public sealed record BenchmarkProfile(
    string Name, int Seeds, string Splits, int SimulatedCount, int PretrainingEpochs, int FineTuningEpochs, int PretrainingRounds, int TransferRounds)
{
    private static readonly SparsityOptions DesignDefaults = new();

    // Before the profiles below, as DesignDefaults: static initialisers run in order, and every profile reads it.
    private static readonly XYield.ML.Methods.BiRpt.BiRptSearchOptions DefaultSearch = new();

    // The library's Bi-RPT defaults before they became the authors' code's (lower level every 10 steps, convolutions gated):
    // results stored without these keys were made with these values, so a fingerprint names any other value.
    private const int UnkeyedLowerLevelInterval = 1;
    private const BiRptGatedLayers UnkeyedGatedLayers = BiRptGatedLayers.All;

    // The fingerprint keys of Bi-RPT's coefficient search; BenchmarkMethods.DependsOn reads them as Bi-RPT-only.
    internal const string SearchKey = "--search", SearchBudgetsKey = "--budgets", SearchLowerRatesKey = "--lower-rates";

    /// <summary>Bi-RPT: γ, the weight of the joint-mask sparsity penalty (the paper's setting: 1e-4).</summary>
    public double BiRptGamma { get; init; } = DesignDefaults.Gamma;

    /// <summary>Bi-RPT: λ_m, the mask scores' learning rate (the paper's setting: 3.5).</summary>
    public double BiRptMaskLearningRate { get; init; } = DesignDefaults.MaskLearningRate;

    /// <summary>Bi-RPT: the lower level (and Eq. 10's term) runs every this many upper steps (default 10; the paper's setting: 1).</summary>
    public int BiRptLowerLevelInterval { get; init; } = DesignDefaults.LowerLevelInterval;

    /// <summary>
    /// Bi-RPT: the run-length-independent sparsity control (<see cref="SparsityOptions.ShrinkBudget"/>); null keeps γ · λ_m
    /// per step. Default: null.
    /// </summary>
    public double? BiRptShrinkBudget { get; init; } = DesignDefaults.ShrinkBudget;

    /// <summary>Bi-RPT: which layers carry learned gates (<see cref="SparsityOptions.GatedLayers"/>).</summary>
    public BiRptGatedLayers BiRptGatedLayers { get; init; } = DesignDefaults.GatedLayers;

    /// <summary>
    /// Bi-RPT: the fraction of the gated weights the run removes (<see cref="SparsityOptions.TargetJointSparsity"/>, default
    /// 0.2); null: no target, as results made before the option existed (their files carry no such key).
    /// </summary>
    public double? BiRptTargetJointSparsity { get; init; } = DesignDefaults.TargetJointSparsity;

    /// <summary>Bi-RPT with a target sparsity: what the cut ranks the gated weights by (<see cref="SparsityOptions.TargetSparsityRanking"/>).</summary>
    public TargetSparsityRanking BiRptTargetRanking { get; init; } = DesignDefaults.TargetSparsityRanking;

    /// <summary>
    /// Bi-RPT: choose its coefficients on every training part by 5-fold cross-validation (folds grouped by composition)
    /// among <see cref="BiRptSearchBudgets"/> × <see cref="BiRptSearchLowerRates"/>
    /// (<see cref="XYield.ML.Methods.BiRpt.BiRptSearch"/>), instead of using the fixed coefficients. Default: false.
    /// </summary>
    public bool BiRptSearch { get; init; }

    /// <summary>With <see cref="BiRptSearch"/>: the candidate shrink budgets; null keeps the profile's own control (γ, or its budget). Default: 0, 0.5, 1, 2.</summary>
    public IReadOnlyList<double>? BiRptSearchBudgets { get; init; } = DefaultSearch.ShrinkBudgetCandidates;

    /// <summary>With <see cref="BiRptSearch"/>: the candidate λ_l values; null keeps λ_l. Default: null.</summary>
    public IReadOnlyList<double>? BiRptSearchLowerRates { get; init; }

    /// <summary>The paper's settings (Appendix B.1; N_s = 2, N_t = 1 ): the default.</summary>
    public static BenchmarkProfile Paper { get; } = new("paper", 10, "5,10,cv", 100_000, 10, 90, 2, 1);

    /// <summary>
    /// Every method in about five minutes on two cores (the issue's budget is ten): 2 seeds, the few-shot splits only
    /// (cross-validation trains ten models per run), 4,000 simulated points, 2 pre-training and 30 fine-tuning epochs
    /// (the same sizes as <c>xyield train --quick</c>); the IMP rounds stay as in the paper.
    /// </summary>
    public static BenchmarkProfile Quick { get; } = new("quick", 2, "5,10", 4_000, 2, 30, 2, 1);

    /// <summary>The largest <see cref="SimulatedCount"/>: ten times the paper's 100,000 (every simulated image is held in memory).</summary>
    public const int MaxSimulatedCount = 1_000_000;

    /// <summary>Checks every size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range; the exception names the member.</exception>
    /// <exception cref="ArgumentException"><see cref="Splits"/> names an unknown split.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Seeds, 1, nameof(Seeds));
        if (SimulatedCount is < 16 or > MaxSimulatedCount)
        {
            throw new ArgumentOutOfRangeException(nameof(SimulatedCount), SimulatedCount, $"At least one pre-training batch of 16 and at most {MaxSimulatedCount:N0} simulated points.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PretrainingEpochs, 1, nameof(PretrainingEpochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(FineTuningEpochs, 1, nameof(FineTuningEpochs));
        ArgumentOutOfRangeException.ThrowIfNegative(PretrainingRounds, nameof(PretrainingRounds));
        ArgumentOutOfRangeException.ThrowIfNegative(TransferRounds, nameof(TransferRounds));
        if (!double.IsFinite(BiRptGamma) || BiRptGamma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BiRptGamma), BiRptGamma, "A finite number ≥ 0.");
        }

        if (!double.IsFinite(BiRptMaskLearningRate) || BiRptMaskLearningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BiRptMaskLearningRate), BiRptMaskLearningRate, "A finite number > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BiRptLowerLevelInterval, 1, nameof(BiRptLowerLevelInterval));
        if (BiRptShrinkBudget is { } budget && (!double.IsFinite(budget) || budget < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(BiRptShrinkBudget), budget, "A finite number ≥ 0.");
        }

        if (!Enum.IsDefined(BiRptGatedLayers))
        {
            throw new ArgumentOutOfRangeException(nameof(BiRptGatedLayers), BiRptGatedLayers, "All or Convolutions.");
        }

        if (BiRptTargetJointSparsity is { } target && !(target >= 0 && target < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BiRptTargetJointSparsity), target, "A fraction in [0, 1) (or null).");
        }

        if (!Enum.IsDefined(BiRptTargetRanking))
        {
            throw new ArgumentOutOfRangeException(nameof(BiRptTargetRanking), BiRptTargetRanking, "EffectiveWeight or JointScore.");
        }

        _ = BenchmarkSplit.ParseList(Splits ?? throw new ArgumentOutOfRangeException(nameof(Splits), "No splits."));
    }

    /// <summary>
    /// The fine-tuning learning rate drops ÷10 every ⌈epochs / 3⌉ epochs: the paper's 30 of 90, kept in proportion
    /// when the epochs change (30 epochs → every 10).
    /// </summary>
    public int FineTuningStepSize => Math.Max(1, (FineTuningEpochs + 2) / 3);

    /// <summary>The CNN methods' training settings on <paramref name="device"/>.</summary>
    /// <param name="device">"auto", "cpu", "cuda" or "cuda:N".</param>
    public CnnSettings Cnn(string device) => new(
        SimulatedCount,
        StageOptions.PaperPretraining with { MaxEpoch = PretrainingEpochs },
        StageOptions.PaperFineTuning with { MaxEpoch = FineTuningEpochs, StepSize = FineTuningStepSize },
        device)
    {
        Sparsity = new SparsityOptions
        {
            PretrainingRounds = PretrainingRounds,
            TransferRounds = TransferRounds,
            Gamma = BiRptGamma,
            MaskLearningRate = BiRptMaskLearningRate,
            LowerLevelInterval = BiRptLowerLevelInterval,
            ShrinkBudget = BiRptShrinkBudget,
            GatedLayers = BiRptGatedLayers,
            TargetJointSparsity = BiRptTargetJointSparsity,
            TargetSparsityRanking = BiRptTargetRanking,
        },
        BiRptSearch = BiRptSearch ? DefaultSearch with { ShrinkBudgetCandidates = BiRptSearchBudgets, LowerLearningRateCandidates = BiRptSearchLowerRates } : null,
    };

    /// <summary>
    /// What shapes the numbers of a run, by option name: stored with results.json so a resume with other settings is
    /// refused. Seeds, splits, methods and tasks are not in it: they choose which runs exist, and a resume may add runs.
    /// The Bi-RPT coefficients are in it only when they differ from the values files without them were made with, so those
    /// files resume exactly when their settings are asked for again.
    /// </summary>
    /// <param name="protocol">The evaluation protocol, which shapes the numbers too.</param>
    public IReadOnlyDictionary<string, string> Fingerprint(EvaluationProtocol protocol)
    {
        var fingerprint = new Dictionary<string, string>
        {
            ["--protocol"] = protocol.Name(),
            ["--simulated"] = Text(SimulatedCount),
            ["--pretrain-epochs"] = Text(PretrainingEpochs),
            ["--finetune-epochs"] = Text(FineTuningEpochs),
            ["--ns"] = Text(PretrainingRounds),
            ["--nt"] = Text(TransferRounds),
        };
        if (BiRptGamma != DesignDefaults.Gamma)
        {
            fingerprint["--birpt-gamma"] = Text(BiRptGamma);
        }

        if (BiRptMaskLearningRate != DesignDefaults.MaskLearningRate)
        {
            fingerprint["--birpt-mask-lr"] = Text(BiRptMaskLearningRate);
        }

        if (BiRptLowerLevelInterval != UnkeyedLowerLevelInterval)
        {
            fingerprint["--birpt-lower-interval"] = Text(BiRptLowerLevelInterval);
        }

        if (BiRptShrinkBudget is { } budget)
        {
            fingerprint["--birpt-budget"] = Text(budget);
        }

        if (BiRptGatedLayers != UnkeyedGatedLayers)
        {
            fingerprint["--birpt-gated"] = BiRptGatedLayers.ToString().ToLowerInvariant();
        }

        if (BiRptTargetJointSparsity is { } target)
        {
            fingerprint["--birpt-target"] = Text(target);
            fingerprint["--birpt-ranking"] = RankingName(BiRptTargetRanking);
        }

        if (BiRptSearch)
        {
            fingerprint[SearchKey] = "true";
            // Only where they differ from the candidates searched before these options existed, so those folders resume.
            if (!SameValues(BiRptSearchBudgets, DefaultSearch.ShrinkBudgetCandidates))
            {
                fingerprint[SearchBudgetsKey] = BiRptSearchBudgets is { } budgets ? TextList(budgets) : "none";
            }

            if (BiRptSearchLowerRates is { } rates)
            {
                fingerprint[SearchLowerRatesKey] = TextList(rates);
            }
        }

        return fingerprint;
    }

    /// <summary>
    /// "4,000 simulated points, 2 pre-training epoch(s), 30 fine-tuning epoch(s) (learning rate ÷10 every 10), IMP rounds
    /// N_s = 2, N_t = 1, Bi-RPT γ = 0.0001, λ_m = 3.5, lower level every 10 step(s), gates on the convolutions, target sparsity
    /// 0.2 of the gated weights ranked by weights".
    /// </summary>
    public string DescribeCnn() => string.Create(CultureInfo.InvariantCulture,
        $"{SimulatedCount:N0} simulated points, {PretrainingEpochs} pre-training epoch(s), {FineTuningEpochs} fine-tuning epoch(s) (learning rate ÷10 every {FineTuningStepSize}), IMP rounds N_s = {PretrainingRounds}, N_t = {TransferRounds}, Bi-RPT {DescribeBiRptSparsity()}, λ_m = {BiRptMaskLearningRate}, lower level every {BiRptLowerLevelInterval} step(s), gates on {(BiRptGatedLayers == BiRptGatedLayers.All ? "all layers" : "the convolutions")}, {DescribeBiRptTarget()}");

    /// <summary>The command line's names of the target rankings (case-insensitive): "weights" and "scores".</summary>
    public static IReadOnlyDictionary<string, TargetSparsityRanking> RankingNames { get; } =
        new Dictionary<string, TargetSparsityRanking>(StringComparer.OrdinalIgnoreCase)
        {
            ["weights"] = TargetSparsityRanking.EffectiveWeight,
            ["scores"] = TargetSparsityRanking.JointScore,
        };

    /// <summary>The command line's name of a ranking: "weights" or "scores".</summary>
    public static string RankingName(TargetSparsityRanking ranking) => RankingNames.Single(pair => pair.Value == ranking).Key;

    private string DescribeBiRptSparsity() => !BiRptSearch
        ? DescribeBiRptControl()
        : BiRptSearchLowerRates is { } rates
            ? $"{(BiRptSearchBudgets is { } budgets ? $"shrink budget among {TextList(budgets, ", ")} and " : DescribeBiRptControl() + ", ")}λ_l among {TextList(rates, ", ")} chosen by 5-fold CV on each training part"
            : $"shrink budget chosen by 5-fold CV on each training part among {TextList(BiRptSearchBudgets ?? [], ", ")}";

    private string DescribeBiRptControl() => BiRptShrinkBudget is { } budget
        ? string.Create(CultureInfo.InvariantCulture, $"shrink budget {budget}")
        : string.Create(CultureInfo.InvariantCulture, $"γ = {BiRptGamma}");

    private static bool SameValues(IReadOnlyList<double>? a, IReadOnlyList<double>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);

    private static string TextList(IEnumerable<double> values, string separator = ",") => string.Join(separator, values.Select(Text));

    private string DescribeBiRptTarget() => BiRptTargetJointSparsity is { } target
        ? string.Create(CultureInfo.InvariantCulture, $"target sparsity {target:0.###} of the gated weights ranked by {RankingName(BiRptTargetRanking)}")
        : "no target sparsity";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

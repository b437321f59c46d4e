using System.Globalization;
using XYield.ML.Cli.Benchmark.Methods;
using XYield.ML.Training;

namespace XYield.ML.Cli.Benchmark;

/// <summary>
/// The sizes of a benchmark: seeds, splits and the CNN methods' training. <see cref="Paper"/> and <see cref="Quick"/> are
/// the two profiles; every field can be overridden on the command line (<c>with</c>).
/// </summary>
/// <param name="Name">"paper" or "quick".</param>
/// <param name="Seeds">Seeds R (0 … R−1).</param>
/// <param name="Splits">Comma-separated split names.</param>
/// <param name="SimulatedCount">Simulated (source) points.</param>
/// <param name="PretrainingEpochs">Pre-training epochs (also Mix Training's, and each pre-training IMP round's).</param>
/// <param name="FineTuningEpochs">Fine-tuning epochs (also No Pretraining's, Bi-RPT's and each transfer IMP round's).</param>
/// <param name="PretrainingRounds">IMP rounds N_s during pre-training (pretrain-sparse, handtune).</param>
/// <param name="TransferRounds">IMP rounds N_t during fine-tuning (transfer-sparse, handtune).</param>
internal sealed record BenchmarkProfile(
    string Name, int Seeds, string Splits, int SimulatedCount, int PretrainingEpochs, int FineTuningEpochs, int PretrainingRounds, int TransferRounds)
{
    /// <summary>The paper's settings (Appendix B.1; N_s = 2, N_t = 1 from design.md §5): the default.</summary>
    public static BenchmarkProfile Paper { get; } = new("paper", 10, "5,10,cv", 100_000, 10, 90, 2, 1);

    /// <summary>
    /// Every method in about six minutes on two cores (the budget is ten): 2 seeds, the few-shot splits only
    /// (cross-validation trains ten models per run), 4,000 simulated points, 2 pre-training and 30 fine-tuning epochs
    /// (the same sizes as <c>xyield train --quick</c>); the IMP rounds stay as in the paper.
    /// </summary>
    public static BenchmarkProfile Quick { get; } = new("quick", 2, "5,10", 4_000, 2, 30, 2, 1);

    /// <summary>
    /// The fine-tuning learning rate drops ÷10 every ⌈epochs / 3⌉ epochs: the paper's 30 of 90, kept in proportion
    /// when the epochs change (30 epochs → every 10).
    /// </summary>
    public int FineTuningStepSize => Math.Max(1, (FineTuningEpochs + 2) / 3);

    /// <summary>The CNN methods' training settings on <paramref name="device"/>.</summary>
    public CnnSettings Cnn(string device) => new(
        SimulatedCount,
        StageOptions.PaperPretraining with { MaxEpoch = PretrainingEpochs },
        StageOptions.PaperFineTuning with { MaxEpoch = FineTuningEpochs, StepSize = FineTuningStepSize },
        device)
    {
        Sparsity = new SparsityOptions { PretrainingRounds = PretrainingRounds, TransferRounds = TransferRounds },
    };

    /// <summary>
    /// What shapes the numbers of a run, by option name: stored with results.json so a resume with other settings is
    /// refused. Seeds, splits, methods and tasks are not in it: they choose which runs exist, and a resume may add runs.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fingerprint(EvaluationProtocol protocol) => new Dictionary<string, string>
    {
        ["--protocol"] = protocol.Name(),
        ["--simulated"] = Text(SimulatedCount),
        ["--pretrain-epochs"] = Text(PretrainingEpochs),
        ["--finetune-epochs"] = Text(FineTuningEpochs),
        ["--ns"] = Text(PretrainingRounds),
        ["--nt"] = Text(TransferRounds),
    };

    /// <summary>"4,000 simulated points, 2 pre-training epoch(s), 30 fine-tuning epoch(s) (learning rate ÷10 every 10), IMP rounds N_s = 2, N_t = 1".</summary>
    public string DescribeCnn() => string.Create(CultureInfo.InvariantCulture,
        $"{SimulatedCount:N0} simulated points, {PretrainingEpochs} pre-training epoch(s), {FineTuningEpochs} fine-tuning epoch(s) (learning rate ÷10 every {FineTuningStepSize}), IMP rounds N_s = {PretrainingRounds}, N_t = {TransferRounds}");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

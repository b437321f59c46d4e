using XYield.ML.Training;

namespace XYield.ML.Cli.Benchmark.Methods;

/// <summary>The sizes of the CNN methods' training: simulated points, the two stages' epochs and the IMP rounds.</summary>
/// <param name="SimulatedCount">Simulated (source) points.</param>
/// <param name="Pretraining">The pre-training stage (and Mix Training's source half).</param>
/// <param name="FineTuning">Training on the experimental points.</param>
/// <param name="Device">"auto", "cpu" or "cuda".</param>
internal sealed record CnnSettings(int SimulatedCount, StageOptions Pretraining, StageOptions FineTuning, string Device)
{
    /// <summary>The sparse methods' settings (IMP rounds N_s and N_t); design.md's defaults unless a profile sets them.</summary>
    public SparsityOptions Sparsity { get; init; } = new();

    /// <summary>The paper's settings: 100,000 simulated points, 10 pre-training and 90 fine-tuning epochs.</summary>
    public static CnnSettings Paper(string device) => BenchmarkProfile.Paper.Cnn(device);

    /// <summary>
    /// The quick profile: 4,000 simulated points, 2 pre-training epochs and 30 fine-tuning epochs (learning rate ÷10
    /// every 10), so a quick benchmark of every method fits in minutes on two cores.
    /// </summary>
    public static CnnSettings Quick(string device) => BenchmarkProfile.Quick.Cnn(device);
}

using XYield.ML.Models;

namespace XYield.ML.Benchmark;

/// <summary>
/// What a benchmark runs: methods × tasks × the profile's splits × its seeds, with the profile's training sizes, an
/// evaluation protocol and a device. <see cref="BenchmarkPlan"/> turns it into runs.
/// </summary>
public sealed class BenchmarkOptions
{
    /// <summary>Method short names (<see cref="BenchmarkMethods.Names"/>), in report order. Default: every method.</summary>
    public IReadOnlyList<string> Methods { get; set; } = BenchmarkMethods.Names;

    /// <summary>The tasks. Default: regression and classification.</summary>
    public IReadOnlyList<YieldTask> Tasks { get; set; } = BenchmarkTasks.All;

    /// <summary>
    /// Seeds, splits and training sizes. Default <see cref="BenchmarkProfile.Paper"/>; start from
    /// <see cref="BenchmarkProfile.Quick"/> for minutes instead of hours, and change single sizes with <c>with</c>.
    /// </summary>
    public BenchmarkProfile Profile { get; set; } = BenchmarkProfile.Paper;

    /// <summary>How a CNN run's test metric is taken. Default <see cref="EvaluationProtocol.FinalEpoch"/> (honest).</summary>
    public EvaluationProtocol Protocol { get; set; } = EvaluationProtocol.FinalEpoch;

    /// <summary>The CNN methods' device: "auto" (CUDA when available), "cpu", "cuda" or "cuda:N". Default "auto".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>The seed of the simulated draw and of every pre-training, shared by all fine-tune seeds. Default 0.</summary>
    public int PretrainSeed { get; set; }

    /// <summary>Names of the settings that override the profile (e.g. "--finetune-epochs"), shown in the report. Default none.</summary>
    public IReadOnlyList<string> Overridden { get; set; } = [];

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A member is out of range; the exception names it.</exception>
    /// <exception cref="ArgumentException">An unknown method or split name.</exception>
    public void Validate()
    {
        if (Methods is not { Count: > 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(Methods), "At least one method is needed.");
        }

        foreach (var method in Methods)
        {
            _ = BenchmarkMethods.ParseList(method ?? throw new ArgumentOutOfRangeException(nameof(Methods), "A method name is null."));
        }

        if (Methods.Distinct(StringComparer.Ordinal).Count() != Methods.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(Methods), $"A method is listed twice: {string.Join(",", Methods)}.");
        }

        if (Tasks is not { Count: > 0 } || Tasks.Distinct().Count() != Tasks.Count || Tasks.Any(t => !Enum.IsDefined(t)))
        {
            throw new ArgumentOutOfRangeException(nameof(Tasks), "One or both tasks, each once.");
        }

        ArgumentNullException.ThrowIfNull(Profile, nameof(Profile));
        Profile.Validate();
        if (!Enum.IsDefined(Protocol))
        {
            throw new ArgumentOutOfRangeException(nameof(Protocol), Protocol, "FinalEpoch or BestTestEpoch.");
        }

        if (string.IsNullOrWhiteSpace(Device))
        {
            throw new ArgumentOutOfRangeException(nameof(Device), "auto, cpu, cuda or cuda:N.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(PretrainSeed, nameof(PretrainSeed));
        ArgumentNullException.ThrowIfNull(Overridden, nameof(Overridden));
    }
}

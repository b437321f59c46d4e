using System.Reflection;
using System.Runtime.InteropServices;

namespace XYield.ML.Benchmark.Report;

/// <summary>What a benchmark run was asked to do, written to config.json beside the results.</summary>
/// <param name="Splits">Split names ("5", "10", "cv").</param>
/// <param name="Seeds">The seeds.</param>
/// <param name="Methods">Method short names.</param>
/// <param name="Tasks">"regression" and/or "classification".</param>
/// <param name="Profile">"paper" or "quick": the profile the sizes started from.</param>
/// <param name="Protocol">"final-epoch" or "best-test-epoch" (<see cref="EvaluationProtocols"/>).</param>
/// <param name="Overridden">The options that overrode the profile, e.g. "--finetune-epochs".</param>
/// <param name="Settings">The effective settings as text (tree settings, CNN epochs, simulated points, IMP rounds, device).</param>
/// <param name="Versions">Versions of xyield, ML.NET, TorchSharp and .NET.</param>
public sealed record BenchmarkConfig(
    IReadOnlyList<string> Splits,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<string> Methods,
    IReadOnlyList<string> Tasks,
    string Profile,
    string Protocol,
    IReadOnlyList<string> Overridden,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Versions)
{
    /// <summary>The file name inside the output folder.</summary>
    public const string FileName = "config.json";

    /// <summary>The settings key of a shard's position, "2/3 (41 runs)"; absent for a whole plan and after a merge.</summary>
    public const string ShardKey = "shard";

    /// <summary>The settings key of the CNN methods' one-line description (the report header).</summary>
    public const string CnnKey = "cnn";

    /// <summary>
    /// The settings key of a merge whose folders differed in settings only some methods depend on: which settings, and as
    /// which folders made the runs that depend on them (the report header says so).
    /// </summary>
    public const string MergedKey = "merged";

    /// <summary>Whether the numbers come from the paper's optimistic best-test-epoch protocol.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool SelectsOnTest => Protocol == EvaluationProtocols.BestTestEpoch;

    /// <summary>A config recovered from the runs themselves (for results without a config.json): their splits, seeds, methods, tasks and protocol.</summary>
    /// <param name="results">The runs.</param>
    public static BenchmarkConfig Of(IReadOnlyList<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new BenchmarkConfig(
            results.Select(r => r.Split).Distinct().ToArray(),
            results.Select(r => r.Seed).Distinct().Order().ToArray(),
            results.Select(r => r.Method).Distinct().ToArray(),
            results.Select(r => r.Task).Distinct().ToArray(),
            "unknown",
            results.Select(r => r.Protocol).FirstOrDefault() ?? EvaluationProtocols.FinalEpoch,
            [],
            new Dictionary<string, string>(),
            new Dictionary<string, string>());
    }

    /// <summary>The versions of the assemblies that produce the numbers.</summary>
    public static IReadOnlyDictionary<string, string> CurrentVersions() => new Dictionary<string, string>
    {
        ["XYield.ML.Benchmark"] = VersionOf(typeof(BenchmarkConfig).Assembly),
        ["XYield.ML"] = VersionOf(typeof(XYield.ML.Chemistry.Palette).Assembly),
        ["Microsoft.ML"] = VersionOf(typeof(Microsoft.ML.MLContext).Assembly),
        ["Microsoft.ML.LightGbm"] = VersionOf(typeof(Microsoft.ML.Trainers.LightGbm.LightGbmRegressionTrainer).Assembly),
        ["Microsoft.ML.FastTree"] = VersionOf(typeof(Microsoft.ML.Trainers.FastTree.FastTreeRegressionTrainer).Assembly),
        ["TorchSharp"] = VersionOf(typeof(TorchSharp.torch).Assembly),
        [".NET"] = RuntimeInformation.FrameworkDescription,
        ["OS"] = RuntimeInformation.OSDescription,
    };

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "unknown";
}

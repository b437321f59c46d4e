using XYield.ML.Data.Experimental;
using XYield.ML.Storage;
using XYield.ML.Training;

namespace XYield.ML.Benchmark;

/// <summary>Where a <see cref="BenchmarkRunner"/> reads its data, keeps its pre-trained networks and writes its results.</summary>
public sealed class BenchmarkRunnerOptions
{
    /// <summary>
    /// The folder of results.json (rewritten after every run, so an interrupted benchmark resumes from it) and, with
    /// <see cref="WriteReport"/>, of report.md, results.csv, config.json and the figures. Null keeps the results in memory
    /// only. Default null.
    /// </summary>
    public string? OutputFolder { get; set; }

    /// <summary>The experimental points; null loads the default file (<see cref="ExperimentalDataSet.Load"/>). Default null.</summary>
    public ExperimentalDataSet? Data { get; set; }

    /// <summary>
    /// Where pre-trained networks are kept between runs and processes (e.g. <see cref="PretrainedNetworkStore.DefaultFolder"/>);
    /// null pre-trains each network once in this process. Default null.
    /// </summary>
    public PretrainedNetworkStore? PretrainedStore { get; set; }

    /// <summary>Whether the report is (re)written into <see cref="OutputFolder"/> at the end, interrupted or not. Default true.</summary>
    public bool WriteReport { get; set; } = true;

    /// <summary>Receives one line per pre-trained network (trained or loaded, with its store key) and the store's warnings. Default none.</summary>
    public Action<string>? Log { get; set; }
}

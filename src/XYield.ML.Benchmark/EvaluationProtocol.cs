namespace XYield.ML.Benchmark;

/// <summary>How a CNN run's test metric is taken.</summary>
public enum EvaluationProtocol
{
    /// <summary>The honest default: the model after its last epoch is scored; nothing is selected on the test set.</summary>
    FinalEpoch,

    /// <summary>
    /// The paper's ("we report the lowest MSE achieved on the testing samples"): after every target-data epoch the test
    /// part is predicted and the best test metric is kept. It selects on the test set, so it is optimistic.
    /// </summary>
    BestTestEpoch,
}

/// <summary>Names, parsing and the labels every output carries.</summary>
public static class EvaluationProtocols
{
    /// <summary>The name of <see cref="EvaluationProtocol.FinalEpoch"/> on the command line and in results.</summary>
    public const string FinalEpoch = "final-epoch";

    /// <summary>The name of <see cref="EvaluationProtocol.BestTestEpoch"/> on the command line and in results.</summary>
    public const string BestTestEpoch = "best-test-epoch";

    /// <summary>The warning shown above every table (and on the console) of a best-test-epoch run.</summary>
    public const string Warning =
        "best-test-epoch protocol (the paper's): each CNN run reports its best epoch on the test set, a selection on the test data, so these numbers are optimistic; compare them only with other best-test-epoch numbers (baselines have no epochs and are unaffected).";

    /// <summary>The one-line description of the honest protocol.</summary>
    public const string FinalEpochDescription = "final-epoch: each CNN run is scored after its last epoch; nothing is selected on the test set.";

    /// <summary>The protocol's name.</summary>
    public static string Name(this EvaluationProtocol protocol) => protocol == EvaluationProtocol.BestTestEpoch ? BestTestEpoch : FinalEpoch;

    /// <summary>Reads a --protocol value.</summary>
    /// <exception cref="ArgumentException">Anything else; the message says what is accepted.</exception>
    public static EvaluationProtocol Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        FinalEpoch => EvaluationProtocol.FinalEpoch,
        BestTestEpoch => EvaluationProtocol.BestTestEpoch,
        _ => throw new ArgumentException($"Unknown --protocol '{text}': use {FinalEpoch} (default: score the last epoch) or {BestTestEpoch} (the paper's: best epoch on the test set, optimistic)."),
    };
}

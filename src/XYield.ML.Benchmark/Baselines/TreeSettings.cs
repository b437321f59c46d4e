namespace XYield.ML.Benchmark.Baselines;

/// <summary>
/// The boosted-tree settings of the baselines, chosen for training sets as small as 12 points (the 5 % split): the
/// trainers' default of 10–20 examples per leaf would allow no split at all there, so leaves may hold 2 examples and
/// trees are kept small (8 leaves) with a low learning rate over many rounds. One thread keeps runs reproducible and
/// leaves the other core to the machine.
/// </summary>
/// <param name="Leaves">Maximum leaves per tree.</param>
/// <param name="MinimumExamplesPerLeaf">Minimum training examples in a leaf.</param>
/// <param name="Rounds">Boosting rounds (trees).</param>
/// <param name="LearningRate">Shrinkage per round.</param>
public sealed record TreeSettings(int Leaves, int MinimumExamplesPerLeaf, int Rounds, double LearningRate)
{
    /// <summary>8 leaves, 2 examples per leaf, 200 rounds, learning rate 0.05.</summary>
    public static TreeSettings SmallData { get; } = new(8, 2, 200, 0.05);

    /// <summary>
    /// The random forest's settings, the usual defaults of a random forest (scikit-learn's regressor: 100 fully grown trees,
    /// every feature considered at each split) as far as ML.NET's FastForest allows: 100 trees, up to 64 leaves (more than
    /// the 12–25 training points can fill), 1 example per leaf, every feature offered to each tree. FastForest still considers
    /// 70 % of the features at each split (its default) and bags 70 % of the rows per tree without replacement where
    /// scikit-learn bootstraps. The learning rate is unused. Not tuned on any test set.
    /// </summary>
    public static TreeSettings Forest { get; } = new(64, 1, 100, 0);
}

using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using XYield.ML.MlNetInternals;

namespace XYield.ML.Estimators;

/// <summary>
/// The product of <see cref="TransferAndForestTrainer"/>, XYield.ML's recommended regression model. From the palette
/// fractions, the temperature and the pseudo-image of each row it adds <c>MarescaCurtin</c> (the physics estimate, GPa),
/// <c>ForestFeatures</c>, <c>ForestScore</c> (the random forest), <c>TransferScore</c> (the fine-tuned CNN), <c>Score</c>
/// (their mean, GPa) and <c>ScoreStdDev</c> (its calibrated standard deviation, GPa). Saved with both halves inside ML.NET's
/// model zip by plain <c>mlContext.Model.Save</c>; owns the CNN's native memory, so dispose it when done.
/// </summary>
public sealed class TransferAndForestTransformer : ITransformer, IDisposable, ILoadableComponent<TransferAndForestTransformer>
{
    /// <summary>The Single column with the Maresca–Curtin estimate in GPa.</summary>
    public const string MarescaCurtinColumnName = "MarescaCurtin";

    /// <summary>The Single column with the random forest's prediction in GPa.</summary>
    public const string ForestScoreColumnName = "ForestScore";

    /// <summary>The Single column with the pretrain-and-transfer CNN's prediction (an ensemble's mean) in GPa.</summary>
    public const string TransferScoreColumnName = "TransferScore";

    /// <summary>The forest's input: Vector&lt;Single, 13&gt; of the 11 fractions, T in K and the Maresca–Curtin estimate.</summary>
    public const string ForestFeaturesColumnName = "ForestFeatures";

    private const string TransferModelName = "Transfer";
    private const string ForestModelName = "Forest";

    private readonly ITransformer _chain;

    internal TransferAndForestTransformer(
        YieldCnnPredictionTransformer transfer, RegressionPredictionTransformer<FastForestRegressionModelParameters> forest, string fractionsColumnName, string temperatureColumnName, double spreadFloor, double spreadScale, bool calibrated)
    {
        if (transfer.Task != Models.YieldTask.Regression || transfer.SpreadScale != 1)
        {
            throw new InvalidDataException("The transfer-and-forest model's CNN must be a regression network without a spread scale of its own (the blend calibrates both halves).");
        }

        Transfer = transfer;
        Forest = forest;
        FractionsColumnName = fractionsColumnName;
        TemperatureColumnName = temperatureColumnName;
        SpreadFloor = spreadFloor;
        SpreadScale = spreadScale;
        IsCalibrated = calibrated;
        _chain = new TransformerChain<ITransformer>(
            new ForestFeaturesTransformer(fractionsColumnName, temperatureColumnName),
            forest,
            new ColumnCopyTransformer(ForestScoreColumnName, "Score"),
            transfer,
            new BlendTransformer(new BlendSpread(spreadFloor, spreadScale), transfer.HasStandardDeviation));
    }

    /// <summary>The fine-tuned CNN half (one network or an ensemble).</summary>
    public YieldCnnPredictionTransformer Transfer { get; }

    /// <summary>The random-forest half: ML.NET's FastForest prediction transformer, reading <see cref="ForestFeaturesColumnName"/>.</summary>
    public RegressionPredictionTransformer<FastForestRegressionModelParameters> Forest { get; }

    /// <summary>The palette-fractions column read.</summary>
    public string FractionsColumnName { get; }

    /// <summary>The temperature column read (K).</summary>
    public string TemperatureColumnName { get; }

    /// <summary>α in GPa of <c>ScoreStdDev</c> = √(α² + (β·r)²): the standard deviation where the two halves agree.</summary>
    public double SpreadFloor { get; }

    /// <summary>β of <c>ScoreStdDev</c> = √(α² + (β·r)²), r being the halves' disagreement (and a CNN ensemble's spread); 1 uncalibrated.</summary>
    public double SpreadScale { get; }

    /// <summary>Whether α and β were fitted by cross-validation (false: <c>SpreadCalibration = null</c> at training, σ ≈ the raw spread).</summary>
    public bool IsCalibrated { get; }

    /// <summary>The cross-validated calibration behind α and β; null when the fit did not calibrate or the model was loaded.</summary>
    public TransferAndForestCalibration? SpreadCalibration { get; init; }

    /// <summary>True: every output row comes from its input row.</summary>
    public bool IsRowToRowMapper => _chain.IsRowToRowMapper;

    static ModelVersion ILoadableComponent<TransferAndForestTransformer>.Version => FormatVersion;

    // Format 1: fractions column, temperature column, [α, β, calibrated 1/0], then the sub-models "Transfer" and "Forest".
    internal static ModelVersion FormatVersion { get; } = new("XYTRFRST", Current: 1, OldestReadable: 1, LoaderSignature: "XYieldTransferAndForest");

    /// <summary>The schema <see cref="Transform"/> produces; throws when an input column is missing or of the wrong type.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _chain.GetOutputSchema(inputSchema);

    /// <summary>A lazy view of <paramref name="input"/> with the added columns.</summary>
    public IDataView Transform(IDataView input) => _chain.Transform(input);

    /// <summary>The row-to-row mapper for <paramref name="inputSchema"/> (what a <c>PredictionEngine</c> uses).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _chain.GetRowToRowMapper(inputSchema);

    /// <summary>Releases the CNN's native memory.</summary>
    public void Dispose() => Transfer.Dispose();

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        var writer = ComponentLoader<TransferAndForestTransformer>.BeginSave(ctx);
        writer.WriteString(FractionsColumnName);
        writer.WriteString(TemperatureColumnName);
        writer.WriteDoubles([SpreadFloor, SpreadScale, IsCalibrated ? 1 : 0]);
        writer.WriteModel(TransferModelName, Transfer);
        writer.WriteModel(ForestModelName, Forest);
    }

    static TransferAndForestTransformer ILoadableComponent<TransferAndForestTransformer>.Load(ModelReader reader)
    {
        var fractions = reader.ReadString();
        var temperature = reader.ReadString();
        var spread = reader.ReadDoubles();
        if (spread is not [var floor, var scale, var calibrated and (0 or 1)] || !(floor > 0) || !(scale >= 0) || !double.IsFinite(scale) || !double.IsFinite(floor))
        {
            throw new InvalidDataException($"The saved {nameof(TransferAndForestTransformer)} holds no valid spread settings (α > 0, β ≥ 0, a calibration flag).");
        }

        if (reader.ReadModel(TransferModelName) is not YieldCnnPredictionTransformer transfer)
        {
            throw new InvalidDataException($"The saved {nameof(TransferAndForestTransformer)}'s '{TransferModelName}' sub-model is not a yield-strength CNN.");
        }

        try
        {
            if (reader.ReadModel(ForestModelName) is not RegressionPredictionTransformer<FastForestRegressionModelParameters> { FeatureColumnName: ForestFeaturesColumnName } forest
                || forest.FeatureColumnType is not VectorDataViewType { Size: ForestFeaturesTransformer.FeatureCount })
            {
                throw new InvalidDataException($"The saved {nameof(TransferAndForestTransformer)}'s '{ForestModelName}' sub-model is not a FastForest regression model on the {ForestFeaturesTransformer.FeatureCount} forest features.");
            }

            return new TransferAndForestTransformer(transfer, forest, fractions, temperature, floor, scale, calibrated == 1);
        }
        catch
        {
            transfer.Dispose();
            throw;
        }
    }
}

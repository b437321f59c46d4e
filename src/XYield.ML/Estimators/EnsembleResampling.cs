namespace XYield.ML.Estimators;

/// <summary>How the members of an ensemble (<see cref="YieldCnnTrainerOptions.EnsembleSize"/> &gt; 1) differ.</summary>
public enum EnsembleResampling
{
    /// <summary>Every member trains on all the training rows with its own seed (seed + k): head initialisation and batch order differ.</summary>
    Seeds,

    /// <summary>Every member trains on a bootstrap resample of the training rows (drawn with seed + k) with its own seed.</summary>
    Bootstrap,
}

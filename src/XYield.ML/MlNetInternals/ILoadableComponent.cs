namespace XYield.ML.MlNetInternals;

/// <summary>
/// A transformer that ML.NET can rebuild from a model zip: its format <see cref="Version"/> and a factory that
/// reads back what its save wrote. Registered through <see cref="ComponentLoader{T}"/> in <c>LoadableComponents.cs</c>.
/// </summary>
/// <typeparam name="TSelf">The transformer type.</typeparam>
internal interface ILoadableComponent<TSelf>
    where TSelf : ILoadableComponent<TSelf>
{
    /// <summary>The format stamp written on save and checked on load.</summary>
    static abstract ModelVersion Version { get; }

    /// <summary>Rebuilds the component; <paramref name="reader"/> has already checked the header.</summary>
    static abstract TSelf Load(ModelReader reader);
}

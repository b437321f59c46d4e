using Microsoft.ML;

namespace XYield.ML.MlNetInternals;

/// <summary>
/// The version stamp a saveable component writes into its <c>Model.key</c> header, and checks on load.
/// Bump <see cref="Current"/> for every format change; raise <see cref="OldestReadable"/> only when this
/// code can no longer read older files.
/// </summary>
/// <param name="Signature">Eight ASCII characters identifying the component's format (for example "XYBINNER").</param>
/// <param name="Current">The format version this code writes.</param>
/// <param name="OldestReadable">The oldest format version this code can still read.</param>
/// <param name="LoaderSignature">
/// The name ML.NET's component catalog finds the loader by; global and case-insensitive across every loaded
/// assembly, at most 24 ASCII characters. It must match the one in <c>LoadableComponents.cs</c>.
/// </param>
internal sealed record ModelVersion(string Signature, uint Current, uint OldestReadable, string LoaderSignature)
{
    /// <summary>ML.NET's header form; versions are packed as 0x0001_0000 + n, the way ML.NET numbers its own.</summary>
    internal VersionInfo ToVersionInfo(Type component) => new(
        modelSignature: Signature,
        verWrittenCur: Pack(Current),
        verReadableCur: Pack(OldestReadable),
        verWeCanReadBack: Pack(OldestReadable),
        loaderAssemblyName: component.Assembly.FullName,
        loaderSignature: LoaderSignature);

    internal static uint Pack(uint version) => 0x0001_0000u + version;

    internal static uint Unpack(uint packed) => packed - 0x0001_0000u;
}

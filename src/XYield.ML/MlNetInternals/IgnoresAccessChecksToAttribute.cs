// The one switch that lets XYield.ML call ML.NET's internal save/load API (docs/persistence.md).
// The compiler sees publicized copies of these assemblies (eng/MlNetInternals.targets); at run time CoreCLR
// honours this attribute and lets the calls into the real, strong-named assemblies through.
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Data")]

namespace System.Runtime.CompilerServices;

/// <summary>
/// Recognised by the runtime (not declared by the BCL): access checks from this assembly into the named one are skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    /// <summary>The simple name of the assembly whose non-public members this assembly may use.</summary>
    public string AssemblyName { get; } = assemblyName;
}

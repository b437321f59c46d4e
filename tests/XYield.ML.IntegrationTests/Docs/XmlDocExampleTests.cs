using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.ML;
using XYield.ML.Models;

namespace XYield.ML.IntegrationTests.Docs;

/// <summary>
/// Every <c>&lt;code&gt;</c> example in the packages' XML documentation compiles. The examples are fragments, so each
/// becomes the body of a method of one class whose fields are the names they take as given (<c>mlContext</c>,
/// <c>trainData</c>, <c>simulatedImages</c> …); an example that declares one of them shadows the field.
/// </summary>
[TestFixture]
public sealed class XmlDocExampleTests
{
    // The names the examples use without declaring them, and what they stand for.
    private const string Context = """
        internal static MLContext mlContext = null!;
        internal static IDataView data = null!;              // any data view with the columns the example reads
        internal static IDataView trainData = null!;         // experimental points: Formula, Temperature, YieldStrength
        internal static IDataView trainImages = null!;       // the same, featurised: Image
        internal static IDataView trainClasses = null!;      // featurised, with the key-typed Label
        internal static IDataView simulatedImages = null!;   // simulated points with Image and YieldStrength
        internal static IDataView simulatedClasses = null!;  // simulated points with Image and the key-typed Label
        internal static PretrainedNetwork pretrained = null!;
        """;

    private static readonly string[] Packages = ["XYield.ML", "XYield.ML.Benchmark"];

    [Test]
    public void Every_example_in_the_xml_documentation_compiles()
    {
        var examples = Packages
            .SelectMany(p => XDocument.Load(Path.Combine(AppContext.BaseDirectory, p + ".xml")).Descendants("member"))
            .SelectMany(m => m.Descendants("code").Select(c => (Member: (string)m.Attribute("name")!, Code: c.Value)))
            .ToArray();
        Assert.That(examples.Count(e => e.Member.StartsWith("M:XYield.ML.XYieldTrainersCatalog.", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(22),
            "every trainer catalog overload has an example");

        var usings = Packages.Select(p => AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == p))
            .Append(typeof(PretrainedNetwork).Assembly)
            .SelectMany(a => a.GetExportedTypes()).Select(t => t.Namespace!)
            .Concat(["Microsoft.ML", "Microsoft.ML.Data"])
            .Distinct().Order(StringComparer.Ordinal);
        var source = new StringBuilder();
        foreach (var ns in usings)
        {
            source.Append(CultureInfo.InvariantCulture, $"using {ns};\n");
        }

        source.Append("internal static class Examples\n{\n").Append(Context).Append('\n');
        for (var i = 0; i < examples.Length; i++)
        {
            source.Append(CultureInfo.InvariantCulture, $"    internal static void Example{i}()\n    {{\n#line 1 \"{examples[i].Member}\"\n")
                .Append(examples[i].Code).Append("\n#line default\n    }\n");
        }

        source.Append("}\n");
        SnippetCompiler.CompileLibrary(source.ToString(), $"The {examples.Length} XML documentation examples");
    }
}

using System.Diagnostics;
using System.Xml.Linq;

namespace XYield.ML.IntegrationTests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of README.md, docs/*.md and the packages' readmes compiles as a whole program against the packages, and the blocks
/// marked <c>&lt;!-- snippet: run --&gt;</c> run (in this process, in a scratch folder, with the small settings they show),
/// so the documentation cannot drift from the API.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DocumentationSnippetTests
{
    // A run snippet trains with small settings; more than this means the docs stopped showing small settings.
    private static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(90);

    public static IEnumerable<MarkdownSnippet> Snippets() =>
        RepositoryPaths.MarkdownFiles.SelectMany(f => MarkdownSnippet.Read(RepositoryPaths.Root, f));

    [Test]
    public void The_readme_has_blocks_that_run()
    {
        var readme = Snippets().Where(s => s.File == "README.md").ToArray();

        Assert.That(readme, Has.Length.GreaterThanOrEqualTo(3));
        Assert.That(readme.Count(s => s.Run), Is.GreaterThanOrEqualTo(2), "the whole loop and the pre-training example run");
    }

    [TestCaseSource(nameof(Snippets))]
    public void Block_compiles_and_marked_blocks_run(MarkdownSnippet snippet)
    {
        var program = SnippetCompiler.Compile(snippet);
        if (!snippet.Run)
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("xyield-snippet-").FullName;
        var previous = Environment.CurrentDirectory;
        var clock = Stopwatch.StartNew();
        try
        {
            Environment.CurrentDirectory = folder;   // the snippet's files (model.zip, …) land here
            SnippetCompiler.Run(program);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }

        Assert.That(clock.Elapsed, Is.LessThan(RunBudget), $"{snippet} ran for {clock.Elapsed.TotalSeconds:0} s");
    }

    [Test]
    public void File_based_app_directives_name_this_version_and_turn_off_native_AOT()
    {
        var apps = Snippets().Where(s => SnippetCompiler.Directives(s).Count > 0).ToArray();
        var version = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
        var torchSharp = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "TorchSharp-cpu").Attribute("Version")!.Value;

        Assert.That(apps, Is.Not.Empty, "the README shows a .NET 10 file-based app");
        foreach (var app in apps)
        {
            Assert.That(SnippetCompiler.Directives(app), Is.SupersetOf(new[]
            {
                $"#:package XYield.ML@{version}",
                $"#:package TorchSharp-cpu@{torchSharp}",
                "#:property PublishAot=false",
            }), app.ToString());
        }
    }
}

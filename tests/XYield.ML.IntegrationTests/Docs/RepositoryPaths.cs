namespace XYield.ML.IntegrationTests.Docs;

/// <summary>The repository the tests were built from, found from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>README.md, docs/*.md and the packages' readmes (src/*/PACKAGE.md), relative to <see cref="Root"/>, in a stable order.</summary>
    public static IReadOnlyList<string> MarkdownFiles { get; } =
        ["README.md", .. Relative(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")), .. Relative(Directory.GetFiles(Path.Combine(Root, "src"), "PACKAGE.md", SearchOption.AllDirectories))];

    private static IEnumerable<string> Relative(IEnumerable<string> paths) =>
        paths.Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/')).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "XYield.ML.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No XYield.ML.sln above {AppContext.BaseDirectory}.");
    }
}

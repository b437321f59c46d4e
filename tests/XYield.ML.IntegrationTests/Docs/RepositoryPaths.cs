namespace XYield.ML.IntegrationTests.Docs;

/// <summary>The repository the tests were built from, found from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>README.md and docs/*.md, relative to <see cref="Root"/>, in a stable order.</summary>
    public static IReadOnlyList<string> MarkdownFiles { get; } =
        ["README.md", .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

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

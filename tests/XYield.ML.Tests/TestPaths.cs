namespace XYield.ML.Tests;

/// <summary>Paths of the repository and of built artefacts, found from the test assembly's folder.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    private static string FindRepositoryRoot()
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

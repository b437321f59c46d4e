using System.Text.RegularExpressions;

namespace XYield.ML.IntegrationTests.Docs;

/// <summary>
/// One <c>```csharp</c> block of a Markdown file: a whole program (top-level statements, its own <c>using</c> lines).
/// An HTML comment <c>&lt;!-- snippet: run --&gt;</c> on the line before the fence marks a block that is also run.
/// </summary>
/// <param name="File">The Markdown file, relative to the repository root.</param>
/// <param name="Line">The 1-based line of the block's first code line.</param>
/// <param name="Code">The code between the fences.</param>
/// <param name="Run">Whether the block is marked to be run, not only compiled.</param>
public sealed partial record MarkdownSnippet(string File, int Line, string Code, bool Run)
{
    /// <summary>The marker that makes a block run.</summary>
    public const string RunMarker = "<!-- snippet: run -->";

    /// <summary>Where the block is, e.g. "README.md:57".</summary>
    public override string ToString() => $"{File}:{Line}";

    /// <summary>Every csharp block of <paramref name="path"/>, in order.</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="path">The Markdown file, relative to <paramref name="root"/>.</param>
    public static IEnumerable<MarkdownSnippet> Read(string root, string path)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(root, path));
        for (var i = 0; i < lines.Length; i++)
        {
            if (!OpeningFence().IsMatch(lines[i]))
            {
                continue;
            }

            var run = i > 0 && lines[i - 1].Trim() == RunMarker;
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            if (end < 0)
            {
                throw new InvalidDataException($"{path}:{i + 1}: a csharp block that is never closed.");
            }

            yield return new MarkdownSnippet(path.Replace('\\', '/'), i + 2, string.Join('\n', lines[(i + 1)..end]), run);
            i = end;
        }
    }

    [GeneratedRegex(@"^\s*```\s*(csharp|cs|c#)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OpeningFence();
}

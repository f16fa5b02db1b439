using System.Text.RegularExpressions;

namespace WealthActors.Silo.Tests.Repository;

/// <summary>
/// Finds references in the repository's files to places outside it. A clone stands alone: a test, script or project
/// file that reads a sibling folder works on its author's machine and fails on everyone else's.
/// </summary>
public static partial class OutsideReferences
{
    private static readonly string[] Extensions = [".cs", ".csproj", ".props", ".targets", ".sh", ".json", ".md", ".sln", ".yml", ".yaml"];
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules", "data", "TestResults", "BenchmarkDotNet.Artifacts"];

    /// <summary>Every finding in the repository rooted at <paramref name="root"/>, as <c>path:line: reason</c>.</summary>
    public static IReadOnlyList<string> InRepository(string root) =>
        [.. Files(root, root).SelectMany(path => In(root, Path.GetRelativePath(root, path), File.ReadAllText(path)))];

    /// <summary>Findings in one file's text; <paramref name="relativePath"/> is the file's path inside the repository.</summary>
    public static IEnumerable<string> In(string root, string relativePath, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(root, relativePath)))!;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in RelativePath().Matches(lines[i]))
            {
                var resolved = Path.GetFullPath(Path.Combine(folder, match.Value.Replace('\\', '/')));
                if (!IsInside(root, resolved))
                {
                    yield return $"{relativePath}:{i + 1}: '{match.Value}' leaves the repository";
                }
            }

            // Path.Combine(…, "..", …) climbs from wherever the code runs, so no rule can tell where it ends: the
            // repository's files are found from its root (RepositoryFiles.Root) instead.
            if (relativePath.EndsWith(".cs", StringComparison.Ordinal) && lines[i].Contains("\"..\"", StringComparison.Ordinal))
            {
                yield return $"{relativePath}:{i + 1}: a \"..\" path segment (find files from the repository root instead)";
            }
        }
    }

    private static bool IsInside(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith($"..{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private static IEnumerable<string> Files(string root, string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if (Extensions.Contains(Path.GetExtension(file)) || name is "run" or "test.sh")
            {
                yield return file;
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            var relative = Path.GetRelativePath(root, child).Replace('\\', '/');
            // tests/Specs holds the publishers' documents as published; this folder holds the finder and its examples.
            if (!SkippedFolders.Contains(Path.GetFileName(child)) && relative is not ("tests/Specs" or "tests/Silo.Tests/Repository"))
            {
                foreach (var file in Files(root, child))
                {
                    yield return file;
                }
            }
        }
    }

    // A relative path that climbs: one or more "../" (or "..\") and what follows up to a quote, space or bracket.
    [GeneratedRegex(@"(?<![\w.])(?:\.\.[\\/])+[^\s""'<>;)\]]*")]
    private static partial Regex RelativePath();
}

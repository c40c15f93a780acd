namespace Liftoff.Web.Tests.Architecture;

/// <summary>
/// Reads the hand-written sources (C# and Razor) under a folder and reports files that are too long and lines
/// that are too wide. Generated code (migrations, build output) is not read.
/// </summary>
public static class SourceLayout
{
    public const int MaxLines = 300;
    public const int MaxLineLength = 120;

    private static readonly string[] SkippedFolders = ["obj", "bin", "Migrations", "node_modules", "TestResults"];
    private static readonly string[] SourceExtensions = [".cs", ".cshtml"];

    public static IReadOnlyList<string> Problems(string root, IEnumerable<string> folders)
    {
        var problems = new List<string>();
        foreach (var folder in folders.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var file in Sources(folder))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                var lines = File.ReadAllLines(file);
                if (lines.Length > MaxLines)
                {
                    problems.Add($"{relative} has {lines.Length} lines (at most {MaxLines})");
                }
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Length > MaxLineLength)
                    {
                        problems.Add(
                            $"{relative}:{i + 1} is {lines[i].Length} characters wide (at most {MaxLineLength})");
                    }
                }
            }
        }
        return problems;
    }

    private static IEnumerable<string> Sources(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (SourceExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                yield return file;
            }
        }
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            foreach (var file in Sources(sub))
            {
                yield return file;
            }
        }
    }
}

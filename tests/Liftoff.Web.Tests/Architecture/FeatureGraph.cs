using System.Text.RegularExpressions;

namespace Liftoff.Web.Tests.Architecture;

/// <summary>
/// Which areas under src/Liftoff.Web/Features depend on which, read from the source files: an area A
/// depends on B when a file under Features/A names something declared under Features/B (a using of
/// or a name qualified with Liftoff.Web.Features.B, a Razor @using, @inject or @model, or a view
/// component of B invoked by name or with a &lt;vc:...&gt; tag). scripts/feature-graph.py prints the same graph.
/// </summary>
public static partial class FeatureGraph
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Liftoff.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Liftoff.slnx above {AppContext.BaseDirectory}.");
    }

    public static Dictionary<string, SortedSet<string>> Read(string featuresFolder)
    {
        var sources = new List<(string Area, string Text)>();
        foreach (var folder in Directory.GetDirectories(featuresFolder))
        {
            var area = Path.GetFileName(folder);
            sources.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is ".cs" or ".cshtml")
                .Select(f => (area, File.ReadAllText(f))));
        }
        var components = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (area, text) in sources)
        {
            foreach (Match m in ComponentClass().Matches(text))
            {
                components[m.Groups[1].Value] = area;
                components[Kebab(m.Groups[1].Value)] = area;
            }
        }
        var areas = sources.Select(s => s.Area).ToHashSet(StringComparer.Ordinal);
        var edges = areas.ToDictionary(a => a, _ => new SortedSet<string>(StringComparer.Ordinal),
            StringComparer.Ordinal);
        foreach (var (area, text) in sources)
        {
            var used = Namespace().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(ComponentByName().Matches(text).Concat(ComponentTag().Matches(text))
                    .Select(m => components.GetValueOrDefault(m.Groups[1].Value)).OfType<string>());
            edges[area].UnionWith(used.Where(b => b != area && areas.Contains(b)));
        }
        return edges;
    }

    /// <summary>Every elementary cycle once, as a path from and back to its alphabetically smallest area.</summary>
    public static List<List<string>> Cycles(IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        var found = new List<List<string>>();
        void Walk(string start, string node, List<string> path)
        {
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (next == start)
                {
                    found.Add([.. path, start]);
                }
                else if (string.CompareOrdinal(next, start) > 0 && !path.Contains(next))
                {
                    Walk(start, next, [.. path, next]);
                }
            }
        }
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            Walk(start, start, [start]);
        }
        return found;
    }

    private static string Kebab(string name) => KebabBoundary().Replace(name, "-$1").ToLowerInvariant();

    [GeneratedRegex(@"\b(?:Liftoff\.Web\.)?Features\.([A-Z][A-Za-z0-9]*)\b(?=\s*[.;])")]
    private static partial Regex Namespace();

    [GeneratedRegex(@"class\s+([A-Za-z0-9]+)ViewComponent\b")]
    private static partial Regex ComponentClass();

    [GeneratedRegex("Component\\.InvokeAsync\\(\\s*\"([A-Za-z0-9]+)\"")]
    private static partial Regex ComponentByName();

    [GeneratedRegex("<vc:([a-z0-9-]+)")]
    private static partial Regex ComponentTag();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex KebabBoundary();
}

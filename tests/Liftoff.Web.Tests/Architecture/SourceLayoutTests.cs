namespace Liftoff.Web.Tests.Architecture;

/// <summary>No hand-written source file is longer than 300 lines or wider than 120 characters.</summary>
public sealed class SourceLayoutTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "layout-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Sources_InSrcTestsAndBench_AreShortAndNarrow()
    {
        var root = FeatureGraph.RepositoryRoot();

        var problems = SourceLayout.Problems(root, ["src", "tests", "bench"]);

        Assert.True(Directory.GetFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories).Length > 100,
            $"Too few sources were found under {root}/src.");
        Assert.True(problems.Count == 0, "Split the file or wrap the line (docs/architecture.md, Size and width): " +
            Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Problems_HandMadeTree_NamesLongFileAndWideLineButNotGeneratedCode()
    {
        Write("src/Area/Long.cs", Enumerable.Repeat("// line", SourceLayout.MaxLines + 1));
        Write("src/Area/View.cshtml", ["<p>fine</p>", "<p>" + new string('x', SourceLayout.MaxLineLength) + "</p>"]);
        Write("src/Area/Fine.cs", ["// exactly wide enough " + new string('x', SourceLayout.MaxLineLength - 23)]);
        Write("src/Migrations/Generated.cs", Enumerable.Repeat(new string('x', 200), 400));
        Write("src/Area/obj/Built.cs", Enumerable.Repeat(new string('x', 200), 400));
        Write("src/Area/notes.txt", Enumerable.Repeat(new string('x', 200), 400));

        var problems = SourceLayout.Problems(_scratch, ["src", "missing"]);

        Assert.Equal(
            [
                $"src/Area/Long.cs has {SourceLayout.MaxLines + 1} lines (at most {SourceLayout.MaxLines})",
                $"src/Area/View.cshtml:2 is {SourceLayout.MaxLineLength + 7} characters wide " +
                    $"(at most {SourceLayout.MaxLineLength})",
            ],
            problems.Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    private void Write(string relative, IEnumerable<string> lines)
    {
        var path = Path.Combine(_scratch, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
    }
}

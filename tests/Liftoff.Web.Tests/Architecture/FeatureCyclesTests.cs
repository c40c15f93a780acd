namespace Liftoff.Web.Tests.Architecture;

/// <summary>No area under Features depends on itself through other areas (docs/architecture.md).</summary>
public sealed class FeatureCyclesTests
{
    [Fact]
    public void FeatureAreas_DependOnEachOther_WithoutCycles()
    {
        var features = Path.Combine(FeatureGraph.RepositoryRoot(), "src", "Liftoff.Web", "Features");
        var edges = FeatureGraph.Read(features);

        var cycles = FeatureGraph.Cycles(edges);

        Assert.True(edges.Count > 10, $"Only {edges.Count} areas were read from {features}.");
        Assert.True(cycles.Count == 0, "Areas under Features depend on each other in a cycle: " +
            string.Join("; ", cycles.Select(c => string.Join(" -> ", c))) +
            ". Move the shared piece to Infrastructure or to the lower area, or let the lower area own an interface.");
    }

    [Fact]
    public void Cycles_HandMadeGraphWithCycle_ReportsItsPath()
    {
        var edges = new Dictionary<string, SortedSet<string>>
        {
            ["Home"] = ["Releases"],
            ["Releases"] = ["LendingShop"],
            ["LendingShop"] = ["Communications"],
            ["Communications"] = ["Releases"],
        };

        var cycles = FeatureGraph.Cycles(edges);

        Assert.Equal(["Communications -> Releases -> LendingShop -> Communications"],
            cycles.Select(c => string.Join(" -> ", c)));
    }

    [Fact]
    public void Cycles_HandMadeGraphWithoutCycle_ReportsNothing()
    {
        var edges = new Dictionary<string, SortedSet<string>>
        {
            ["Home"] = ["Releases", "Tasks"],
            ["Releases"] = ["Tasks"],
            ["Tasks"] = [],
        };

        Assert.Empty(FeatureGraph.Cycles(edges));
    }
}

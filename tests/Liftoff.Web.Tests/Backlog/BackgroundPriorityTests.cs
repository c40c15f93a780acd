using Liftoff.Web.Infrastructure.Embeddings;

namespace Liftoff.Web.Tests.Backlog;

/// <summary>Embedding nobody waits on gives way to searches: the helper threads of the encoders that embed saved and
/// imported requests run at the lowest CPU priority, and no thread that runs .NET code is lowered.</summary>
public sealed class BackgroundPriorityTests
{
    [Fact]
    public void BackgroundEncoder_HelperThreads_RunAtTheLowestPriority()
    {
        using var embedder = new MiniLmTextEmbedder(queryThreads: 1);
        var before = LowPriority.LoweredThreads().Select(t => t.Id).ToHashSet();

        embedder.EmbedInBackground(["battery health report"]);
        embedder.EmbedQueries(["battery health report"]);

        var lowered = LowPriority.LoweredThreads();
        var helpers = OperatingSystem.IsLinux() ? Environment.ProcessorCount - 1 : 0;
        Assert.True(lowered.Count(t => !before.Contains(t.Id)) >= helpers,
            $"{lowered.Count} threads lowered, {before.Count} before; expected {helpers} more");
        Assert.All(lowered, t => Assert.Equal("Encoder setup", t.Name));
    }
}

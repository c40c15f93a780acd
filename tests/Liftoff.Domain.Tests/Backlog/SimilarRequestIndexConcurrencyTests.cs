using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class SimilarRequestIndexConcurrencyTests
{
    [Fact]
    public async Task Search_WhileOtherThreadsAddAndRemove_NeverFailsOrReturnsUnknownIds()
    {
        using var index = new SimilarRequestIndex(new HashedBagOfWordsEmbedder());
        index.UpsertMany(Enumerable.Range(0, 200).Select(i => Request(i)).ToList());
        var writing = 2;

        // Dedicated threads: on a two-core machine pool threads would start one by one.
        var writers = Enumerable.Range(0, 2).Select(w => Task.Factory.StartNew(() =>
        {
            var random = new Random(w);
            for (var n = 0; n < 300; n++)
            {
                var id = random.Next(0, 400);
                if (random.Next(2) == 0)
                {
                    index.Upsert(Request(id));
                }
                else
                {
                    index.Remove(id);
                }
            }
            Interlocked.Decrement(ref writing);
        }, TaskCreationOptions.LongRunning)).ToArray();
        var readers = Enumerable.Range(0, 3).Select(r => Task.Factory.StartNew(() =>
        {
            var searches = 0;
            while (Volatile.Read(ref writing) > 0 || searches == 0)
            {
                var results = index.Search($"widget {searches % 50} export", "report");
                Assert.All(results, x => Assert.InRange(x.Id, 0, 399));
                Assert.Equal(results.Count, results.Select(x => x.Id).Distinct().Count());
                searches++;
            }
            return searches;
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(writers);
        var counts = await Task.WhenAll(readers);

        Assert.All(counts, c => Assert.True(c > 0));
    }

    [Fact]
    public async Task Rebuild_UpsertWhileRebuilding_IsKeptAfterTheSwap()
    {
        var embedder = new HashedBagOfWordsEmbedder();
        using var index = new SimilarRequestIndex(embedder);
        using var rebuildEmbedding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        embedder.BeforeEmbed = text =>
        {
            if (text.StartsWith("Old", StringComparison.Ordinal))
            {
                rebuildEmbedding.Set();
                release.Wait(TimeSpan.FromSeconds(10));
            }
        };

        var rebuild = Task.Run(() => index.Rebuild([new SimilarityDocument(1, "Old request", null)]));
        Assert.True(rebuildEmbedding.Wait(TimeSpan.FromSeconds(10)));
        index.Upsert(new SimilarityDocument(2, "Calendar sync", null));
        index.Remove(1);
        release.Set();
        await rebuild;

        Assert.Equal(1, index.Count);
        Assert.Equal(2, index.Search("calendar sync", null)[0].Id);
    }

    private static SimilarityDocument Request(int id) =>
        new(id, $"Widget {id % 50} export", $"Report number {id} about widget exports and dashboards.");
}

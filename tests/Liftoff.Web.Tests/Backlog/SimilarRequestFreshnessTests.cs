using System.Diagnostics;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Embeddings;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liftoff.Web.Tests.Backlog;

public sealed class SimilarRequestFreshnessTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static string U() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Similar_NoContentWordInCommon_FindsTheRequestByMeaning()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        async Task<long> CreateAsync(string title) =>
            (await (await staff.PostAsJsonAsync("/api/requests",
                new
                {
                    title,
                    description = "",
                    requestor = new
                    {
                        organisationId = org,
                        contactEmail = "kim@reseller.example"
                    }
                }))
                .Content.ReadFromJsonAsync<RequestView>())!.Id;
        var wanted = await CreateAsync("Dark mode for the planning app");
        await CreateAsync("Export flight logs as CSV");
        await CreateAsync("Battery health report per drone");

        var suggestions = await staff.GetFromJsonAsync<List<Suggestion>>("/api/requests/similar?text="
            + Uri.EscapeDataString("black colour scheme, easier on the eyes at night"));

        var hit = Assert.Single(suggestions!, s => s.Id == wanted);
        Assert.Equal(0, hit.TextScore);
        Assert.True(hit.MeaningScore > 0);
        Assert.Contains(wanted, suggestions!.Take(3).Select(s => s.Id));
    }

    [Fact]
    public async Task Import_RowsOfABatch_AreFoundWithoutRestart()
    {
        var u = U();
        var engine = factory.Services.GetRequiredService<SimilarRequestEngine>();
        await engine.SyncAsync();
        var id = await BacklogSheets.UploadAsync(factory, BacklogSheets.Xlsx(($"Batch {u}", [
            [$"Geofence alerts by text message {u}", "", $"Org {u}", "", "", "", "", ""],
            [$"Propeller wear counter {u}", "", $"Org {u}", "", "", "", "", ""],
        ])));
        await BacklogSheets.RunAsync(factory, id);
        // A row stamped earlier than rows the index has already seen, as a long import batch stamps its start.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.FeatureRequests.Add(new FeatureRequest
            {
                Title = $"Thermal camera palette {u}",
                Status = FeatureRequestStatus.New,
                CreatedAt = DateTimeOffset.UnixEpoch,
                UpdatedAt = DateTimeOffset.UnixEpoch
            });
            await db.SaveChangesAsync();
        });

        var byWords = await WaitForAsync(() => engine.SearchAsync($"propeller wear {u}", null), s =>
            s.Any(x => x.Title == $"Propeller wear counter {u}"));
        var stale = await WaitForAsync(() => engine.SearchAsync($"thermal palette {u}", null), s =>
            s.Any(x => x.Title == $"Thermal camera palette {u}"));
        var embedded = await WaitForAsync(
            () => factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeatureRequests.CountAsync(r =>
                r.Title.EndsWith(u) && r.Embedding != null)),
            n => n == 3);

        Assert.True(byWords, "the imported row was not found by its words");
        Assert.True(stale, "the row with an old timestamp was not found");
        Assert.True(embedded, "the background pass did not embed the new rows");
    }

    [Fact]
    public async Task Search_WhileAnEmbeddingPassRuns_Answers()
    {
        var u = U();
        using var gate = new ManualResetEventSlim(false);
        var gated = new GatedEmbedder(factory.Services.GetRequiredService<ITextEmbedder>(), u, gate);
        using var engine = NewEngine(gated);
        await WithIndexerStoppedAsync(() => SearchDuringPassAsync(engine, gated, gate, u));
    }

    [Fact]
    public async Task LaterRow_WhileEarlierImportedRowsAwaitTheirVectors_IsEmbeddedWithinTheNextFewBatches()
    {
        var u = U();
        var span = SimilarRequestEngine.EmbedSpan;
        var imported = span * 2;
        await WithIndexerStoppedAsync(async () =>
        {
            using var engine = NewEngine(factory.Services.GetRequiredService<ITextEmbedder>());
            await AddRequestsAsync(Enumerable.Range(0, imported).Select(i => $"Imported spare part {i} {u}"));
            await AddRequestsAsync([$"Imported later: firmware rollback {u}"]);
            await engine.CatchUpAsync();

            var batches = 0;
            while (batches < span / SimilarRequestEngine.EmbedBatch
                && !(await EmbeddedAsync(u)).Any(t => t.Contains("later", StringComparison.Ordinal)))
            {
                await engine.EmbedPendingAsync();
                batches++;
            }

            Assert.Contains($"Imported later: firmware rollback {u}", await EmbeddedAsync(u));
            Assert.True(engine.PendingEmbeddings >= imported - span + 1, $"{engine.PendingEmbeddings} still queued");
        });
    }

    [Fact]
    public async Task TwoInstances_EmbeddingOneImportAtOnce_TakeDifferentRows()
    {
        var u = U();
        await WithIndexerStoppedAsync(async () =>
        {
            using var bothReady = new Barrier(2);
            var model = factory.Services.GetRequiredService<ITextEmbedder>();
            using var first = NewEngine(new BarrierEmbedder(model, bothReady));
            using var second = NewEngine(new BarrierEmbedder(model, bothReady));
            await AddRequestsAsync(Enumerable.Range(0, SimilarRequestEngine.EmbedBatch * 4)
                .Select(i => $"Imported charger model {i} {u}"));
            await first.CatchUpAsync();
            await second.CatchUpAsync();
            var before = await EmbeddedCountAsync();

            // Both have chosen their batch before either stores a vector.
            await Task.WhenAll(Task.Run(() => first.EmbedPendingAsync()), Task.Run(() => second.EmbedPendingAsync()));

            var stored = await EmbeddedCountAsync() - before;
            Assert.True(stored > SimilarRequestEngine.EmbedBatch, $"two batches stored {stored} vectors");
        });
    }

    [Fact]
    public async Task AppStart_LoadsTheModelsForSavingAndSearching_BeforeEitherIsAskedFor()
    {
        await using var app = factory.WithWebHostBuilder(b =>
            b.UseSetting(SimilarRequestIndexer.WarmUpSetting, "true"));
        var embedder = Assert.IsType<CombinedTextEmbedder>(app.Services.GetRequiredService<ITextEmbedder>());

        // Two models, each with an encoder for saving and background work and one for search queries.
        var loaded = await WaitForAsync(() => Task.FromResult(embedder.LoadedEncoders), n => n == 4);

        Assert.True(loaded, $"{embedder.LoadedEncoders} of 4 encoders loaded");
    }

    private SimilarRequestEngine NewEngine(ITextEmbedder embedder) => new(embedder,
        factory.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<SimilarRequestEngine>.Instance);

    /// <summary>The app's own indexer would embed the rows first: the engines under test are the only ones.</summary>
    private async Task WithIndexerStoppedAsync(Func<Task> test)
    {
        var indexer = factory.Services.GetServices<IHostedService>().OfType<SimilarRequestIndexer>().Single();
        await indexer.StopAsync(CancellationToken.None);
        try
        {
            await test();
        }
        finally
        {
            await indexer.StartAsync(CancellationToken.None);
        }
    }

    private Task<int> EmbeddedCountAsync() => factory.WithScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().FeatureRequests.CountAsync(r => r.Embedding != null));

    private Task<List<string>> EmbeddedAsync(string u) => factory.WithScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().FeatureRequests.Where(r => r.Title.EndsWith(u) && r.Embedding != null)
            .Select(r => r.Title).ToListAsync());

    private Task AddRequestsAsync(IEnumerable<string> titles) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        foreach (var title in titles)
        {
            db.FeatureRequests.Add(new FeatureRequest
            {
                Title = title,
                Status = FeatureRequestStatus.New,
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow
            });
        }
        await db.SaveChangesAsync();
    });

    private async Task SearchDuringPassAsync(SimilarRequestEngine engine, GatedEmbedder gated,
        ManualResetEventSlim gate, string u)
    {
        await AddRequestsAsync(Enumerable.Range(0, 5).Select(i => $"Hangar inventory sheet {i} {u}"));
        await engine.CatchUpAsync();

        var pass = Task.Run(() => engine.EmbedPendingAsync());
        Assert.True(gated.Entered.Wait(TimeSpan.FromSeconds(60)), "the embedding pass did not start");
        var suggestions = await engine.SearchAsync("hangar inventory", null).WaitAsync(TimeSpan.FromSeconds(60));
        var stillEmbedding = !pass.IsCompleted;
        gate.Set();
        await pass;

        Assert.True(stillEmbedding);
        Assert.Contains(suggestions, s => s.Title.EndsWith(u, StringComparison.Ordinal));
        Assert.True(await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.AnyAsync(r => r.Title.EndsWith(u)
            && r.Embedding != null)));
    }

    private static async Task<bool> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (done(await read()))
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>The real model, each call held until the other instance's embedder is called too.</summary>
    private sealed class BarrierEmbedder(ITextEmbedder inner, Barrier bothReady) : ITextEmbedder
    {
        public int Dimension => inner.Dimension;

        public string Name => inner.Name;

        public float[][] EmbedQueries(IReadOnlyList<string> texts) => inner.EmbedQueries(texts);

        public float[][] Embed(IReadOnlyList<string> texts)
        {
            bothReady.SignalAndWait(TimeSpan.FromSeconds(60));
            return inner.Embed(texts);
        }
    }

    /// <summary>The real model, held at a gate while it embeds texts carrying a marker, so a pass can be caught
    /// running.</summary>
    private sealed class GatedEmbedder(ITextEmbedder inner, string marker, ManualResetEventSlim gate) : ITextEmbedder
    {
        public ManualResetEventSlim Entered { get; } = new(false);

        public int Dimension => inner.Dimension;

        public string Name => inner.Name;

        public float[][] EmbedQueries(IReadOnlyList<string> texts) => inner.EmbedQueries(texts);

        public float[][] Embed(IReadOnlyList<string> texts)
        {
            if (texts.Any(t => t.Contains(marker, StringComparison.Ordinal)))
            {
                Entered.Set();
                gate.Wait(TimeSpan.FromSeconds(120));
            }
            return inner.Embed(texts);
        }
    }
}

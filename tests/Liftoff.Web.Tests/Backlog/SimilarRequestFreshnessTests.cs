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
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        using var gate = new ManualResetEventSlim(false);
        var gated = new GatedEmbedder(factory.Services.GetRequiredService<ITextEmbedder>(), u, gate);
        using var engine = new SimilarRequestEngine(gated, scopes, NullLogger<SimilarRequestEngine>.Instance);
        // The app's own indexer would embed the rows first; this engine's pass is the one held.
        var indexer = factory.Services.GetServices<IHostedService>().OfType<SimilarRequestIndexer>().Single();
        await indexer.StopAsync(CancellationToken.None);
        try
        {
            await SearchDuringPassAsync(engine, gated, gate, u);
        }
        finally
        {
            await indexer.StartAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task LaterRow_WhileEarlierImportedRowsAwaitTheirVectors_IsEmbeddedWithTheNextBatch()
    {
        var u = U();
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        using var engine = new SimilarRequestEngine(factory.Services.GetRequiredService<ITextEmbedder>(), scopes,
            NullLogger<SimilarRequestEngine>.Instance);
        var indexer = factory.Services.GetServices<IHostedService>().OfType<SimilarRequestIndexer>().Single();
        await indexer.StopAsync(CancellationToken.None);
        try
        {
            var imported = SimilarRequestEngine.EmbedBatch * 3;
            await AddRequestsAsync(Enumerable.Range(0, imported).Select(i => $"Imported spare part {i} {u}"));
            await AddRequestsAsync([$"Imported later: firmware rollback {u}"]);
            await engine.CatchUpAsync();

            await engine.EmbedPendingAsync();

            var embedded = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeatureRequests
                .Where(r => r.Title.EndsWith(u) && r.Embedding != null).Select(r => r.Title).ToListAsync());
            Assert.Contains($"Imported later: firmware rollback {u}", embedded);
            Assert.Equal(SimilarRequestEngine.EmbedBatch, embedded.Count);
            Assert.True(engine.PendingEmbeddings >= imported - SimilarRequestEngine.EmbedBatch + 1);
        }
        finally
        {
            await indexer.StartAsync(CancellationToken.None);
        }
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

    /// <summary>The real model, held at a gate while it embeds texts carrying a marker, so a pass can be caught
    /// running.</summary>
    private sealed class GatedEmbedder(ITextEmbedder inner, string marker, ManualResetEventSlim gate) : ITextEmbedder
    {
        public ManualResetEventSlim Entered { get; } = new(false);

        public int Dimension => inner.Dimension;

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

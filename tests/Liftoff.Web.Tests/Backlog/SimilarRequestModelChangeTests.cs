using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

/// <summary>Requests embedded by an earlier model (vectors of another size) after an upgrade.</summary>
public sealed class SimilarRequestModelChangeTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task Sync_VectorOfAnEarlierModel_IsEmbeddedAgainAndFoundByMeaning()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var engine = factory.Services.GetRequiredService<SimilarRequestEngine>();
        var dimension = factory.Services.GetRequiredService<ITextEmbedder>().Dimension;
        var old = Enumerable.Repeat(1f / MathF.Sqrt(384), 384).ToArray();
        var id = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var request = new FeatureRequest
            {
                Title = $"Night colour theme for the planner {u}",
                Status = FeatureRequestStatus.New,
                Embedding = EmbeddingBytes.ToBytes(old),
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow
            };
            db.FeatureRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

        await engine.SyncAsync();

        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeatureRequests
            .Where(r => r.Id == id).Select(r => r.Embedding).SingleAsync());
        Assert.Equal(dimension * sizeof(float), stored!.Length);
        var suggestions = await engine.SearchAsync("dark mode, easier on the eyes", null, limit: 50);
        var hit = Assert.Single(suggestions, s => s.Id == id);
        Assert.True(hit.MeaningScore > 0.2, $"meaning {hit.MeaningScore}");
    }
}

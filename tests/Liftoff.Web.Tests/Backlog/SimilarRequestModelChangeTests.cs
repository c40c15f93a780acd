using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

/// <summary>Requests whose stored vectors an upgrade made stale: they are embedded again.</summary>
public sealed class SimilarRequestModelChangeTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    /// <summary>How a vector was stored before: by another model (384 floats, another tag), by the present
    /// models with the text put to them otherwise (their size, another tag), or untagged as before vectors carried
    /// their scheme.</summary>
    public enum Earlier
    {
        OtherModel,
        OtherText,
        Untagged,
    }

    [Theory]
    [InlineData(Earlier.OtherModel)]
    [InlineData(Earlier.OtherText)]
    [InlineData(Earlier.Untagged)]
    public async Task Sync_VectorOfAnEarlierScheme_IsEmbeddedAgainAndFoundByMeaning(Earlier earlier)
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var engine = factory.Services.GetRequiredService<SimilarRequestEngine>();
        var dimension = factory.Services.GetRequiredService<ITextEmbedder>().Dimension;
        var size = earlier == Earlier.OtherModel ? 384 : dimension;
        var old = Enumerable.Repeat(1f / MathF.Sqrt(size), size).ToArray();
        var oldBytes = earlier == Earlier.Untagged
            ? EmbeddingBytes.ToBytes(old, 0)[..(size * sizeof(float))]
            : EmbeddingBytes.ToBytes(old, EmbeddingBytes.SchemeOf("an earlier scheme"));
        var id = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var request = new FeatureRequest
            {
                Title = $"Night colour theme for the planner {u}",
                Status = FeatureRequestStatus.New,
                Embedding = oldBytes,
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
        Assert.NotNull(engine.Index.FromStored(stored));
        Assert.Equal(EmbeddingBytes.Length(dimension), stored!.Length);
        var suggestions = await engine.SearchAsync("dark mode, easier on the eyes", null, limit: 50);
        var hit = Assert.Single(suggestions, s => s.Id == id);
        Assert.True(hit.MeaningScore > 0.2, $"meaning {hit.MeaningScore}");
    }
}

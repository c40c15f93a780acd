using System.Net;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.KnowledgeBase.KbTestSupport;

namespace Liftoff.Web.Tests.KnowledgeBase;

public sealed class KbObfuscatedNameTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Theory]
    [InlineData("Meet the Borealis <!-- x --> Tether Array at the fair.")]
    [InlineData("Meet the Bore<!-- -->alis **Tether** Array at the fair.")]
    [InlineData("Meet B.O.R.T.E.X at the fair.")]
    [InlineData("Meet B0RT3X at the fair.")]
    public async Task Publish_NameSplitByCommentSpelledOutOrWithDigits_IsBlockedAndNothingIsPublished(string body)
    {
        await AddRoadmapSecretAsync(factory);
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var id = await CreateArticleAsync(staff, $"Trade fair {Guid.NewGuid():N}"[..20], body);

        var page = await PublishAsync(staff, id);

        Assert.Contains("Blocked: the disclosure check found passages", page);
        var published = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().KbArticleVersions.CountAsync(v => v.ArticleId == id));
        Assert.Equal(0, published);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/Portal/Kb/{id}")).StatusCode);
    }
}

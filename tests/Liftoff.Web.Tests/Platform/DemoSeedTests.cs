using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Seed;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Platform;

public sealed class DemoSeedTests : IDisposable
{
    private readonly LiftoffFactory _factory = new();

    [Fact]
    public async Task SeedIfEmpty_EmptyDatabase_CreatesTeamsLeadsOneUserPerRoleAndOrganisations()
    {
        var result = await _factory.WithScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync());

        Assert.NotNull(result);
        Assert.Equal(Roles.All.Order(), result.Users.Select(u => u.Role).Distinct().Order());
        Assert.All(result.Users, u => Assert.True(u.Password.Length >= 16));
        Assert.Equal(result.Users.Count, result.Users.Select(u => u.Password).Distinct().Count());
        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var teams = await db.Teams.Include(t => t.Lead).OrderBy(t => t.Key).ToListAsync();
            Assert.Equal(["customer-success", "delivery"], teams.Select(t => t.Key));
            Assert.Equal("Julian", teams[0].Lead!.DisplayName);
            Assert.Equal("Youssef", teams[1].Lead!.DisplayName);
            Assert.Contains("announcement", teams[0].Responsibilities);
            Assert.Contains("testing", teams[1].Responsibilities);
            Assert.Equal(2, await db.Organisations.CountAsync());
            var external = await sp.GetRequiredService<UserManager<AppUser>>().GetUsersInRoleAsync(Roles.External);
            Assert.NotNull(Assert.Single(external).OrganisationId);
        });
    }

    [Fact]
    public async Task SeedIfEmpty_GivesEveryAreaSomethingToShow()
    {
        await _factory.WithScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync());

        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var pagesWithItems = await db.RoadmapItems.Select(i => i.PageId).Distinct().CountAsync();
            Assert.Equal(await db.RoadmapPages.CountAsync(), pagesWithItems);
            Assert.InRange(await db.FeatureRequests.CountAsync(), 35, 60);
            Assert.True(await db.ProductAreas.CountAsync() >= 5);
            Assert.True(await db.RequestVotes.CountAsync() > 40);
            Assert.True(await db.Contacts.CountAsync(c => c.Consent) >= 4);
            var days = await db.TicketVolumes.Select(v => v.Date).Distinct().CountAsync();
            Assert.True(days >= 700, $"{days} days of ticket counts");
            Assert.Contains(await db.Releases.Select(r => r.Status).ToListAsync(),
                s => s == Domain.Rollout.ReleaseStatus.Released);
            var surging = await sp.GetRequiredService<Liftoff.Web.Features.Support.SurgeForecasts>().ActiveAsync();
            Assert.Single(surging);
        });
    }

    [Fact]
    public async Task SeedIfEmpty_SecondTime_DoesNothing()
    {
        await _factory.WithScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync());

        var again = await _factory.WithScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync());

        Assert.Null(again);
    }

    public void Dispose() => _factory.Dispose();
}

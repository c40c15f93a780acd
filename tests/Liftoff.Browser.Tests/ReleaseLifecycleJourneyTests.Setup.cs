using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Tests.Infrastructure;
using Liftoff.Web.Tests.LendingShop;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Liftoff.Browser.Tests;

// The journey's data: teams, customers, the roadmap and requests, and reading the release's tasks.
public sealed partial class ReleaseLifecycleJourneyTests
{
    private async Task AssertTaskAsync(int releaseId, string stepKey, RolloutTaskStatus expected) =>
        Assert.Equal(expected, await TaskStatusAsync(releaseId, stepKey));

    private async Task<RolloutTaskStatus> TaskStatusAsync(int releaseId, string stepKey) =>
        await App.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTasks.Where(t => t.ReleaseId == releaseId && t.StepKey == stepKey).Select(t => t.Status)
                .SingleAsync());

    private async Task<List<(string StepKey, RolloutTaskStatus Status)>> TasksAsync(int releaseId) =>
        (await App.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTasks.Where(t => t.ReleaseId == releaseId).Select(t => new { t.StepKey, t.Status }).ToListAsync()))
        .Select(t => (t.StepKey, t.Status)).ToList();

    private async Task SetUpTeamsAsync(string deliveryLeadId, string successLeadId, string successStaffId) =>
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = Clock.GetUtcNow();
            foreach (var (key, name, lead) in new[]
            {
                (DefaultPlaybook.DeliveryTeam, "Delivery", deliveryLeadId),
                (DefaultPlaybook.CustomerSuccessTeam, "Customer Success", successLeadId),
            })
            {
                var team = await db.Teams.FirstOrDefaultAsync(t => t.Key == key);
                if (team is null)
                {
                    team = new Team { Key = key, Name = name };
                    db.Teams.Add(team);
                    await db.SaveChangesAsync();
                }
                team.LeadUserId = lead;
                var members = key == DefaultPlaybook.CustomerSuccessTeam ? new[] { lead, successStaffId } : [lead];
                foreach (var member in members)
                {
                    db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = member, AddedAt = now });
                }
                await db.SaveChangesAsync();
            }
        });

    /// <summary>
    /// A reseller and a customer with consenting contacts, the roadmap (two items for this release and
    /// one unrelated, unreleased item) and feature requests whose requestors wait for those items.
    /// </summary>
    private async Task<World> SetUpCustomersAndRoadmapAsync() =>
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = Clock.GetUtcNow();
            var reseller = new OrganisationEntity
            {
                Name = "Northwind Survey Partners",
                Kind = OrganisationKind.Reseller,
                CreatedAt = now
            };
            var customer = new OrganisationEntity
            {
                Name = "Contoso Mapping",
                Kind = OrganisationKind.Customer,
                CreatedAt = now
            };
            db.Organisations.AddRange(reseller, customer);
            await db.SaveChangesAsync();
            var people = new (OrganisationEntity Org, string Name, string Email)[]
            {
                (reseller, "Ana Reseller", "ana@northwind.test"),
                (reseller, "Ben Reseller", "ben@northwind.test"),
                (customer, "Cara Customer", "cara@contoso.test"),
                (customer, "Dan Customer", "dan@contoso.test"),
            };
            foreach (var (org, name, email) in people)
            {
                db.Contacts.Add(new Contact
                {
                    OrganisationId = org.Id,
                    Audience = org.Kind == OrganisationKind.Reseller ? Audience.Resellers : Audience.Customers,
                    Name = name,
                    Email = email,
                    NormalizedEmail = email,
                    Consent = true,
                    CreatedAt = now,
                });
            }

            var page = await db.RoadmapPages.FirstOrDefaultAsync(p => p.Key == "next-software-release");
            if (page is null)
            {
                page = new RoadmapPage { Key = "next-software-release", Title = "Next software release", Position = 2 };
                db.RoadmapPages.Add(page);
                await db.SaveChangesAsync();
            }
            RoadmapItem Item(string title, string codename, string target, string versions, string aliases = "") =>
                new()
                {
                    PageId = page.Id,
                    Title = title,
                    Codename = codename,
                    Aliases = aliases,
                    Target = target,
                    Versions = versions,
                    Status = RoadmapItemStatus.InDevelopment,
                    DescriptionMarkdown = $"Internal notes on {title}.",
                    UpdatedAt = now,
                };
            var itemA = Item(FeatureA, "OSPREY", "2027-04", Version);
            var itemB = Item(FeatureB, "PLOVER", "2027-04", Version);
            var unrelated = Item(UnrelatedTitle, UnrelatedCodename, "2027-Q4", "6.0", "thermal stitcher");
            db.RoadmapItems.AddRange(itemA, itemB, unrelated);
            await db.SaveChangesAsync();

            FeatureRequest Request(string title, RoadmapItem item,
                params (OrganisationEntity Org, string Name, string Email)[] requestors) => new()
                {
                    Title = title,
                    Description = $"{title}, asked for in the field.",
                    Status = FeatureRequestStatus.Planned,
                    RoadmapItemId = item.Id,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Votes = requestors.Select(r => new RequestVote
                    {
                        OrganisationId = r.Org.Id,
                        ContactEmail = r.Email,
                        ContactName = r.Name,
                        CreatedAt = now
                    }).ToList(),
                };
            db.FeatureRequests.AddRange(
                Request("Export all geotags of a flight at once", itemA, people[0], people[2]),
                Request("Use maps without internet in the field", itemB, people[3]),
                Request("Combine heat images of a site", unrelated, people[1]));
            await db.SaveChangesAsync();
            return new World(customer.Id, [itemA.Id, itemB.Id], people.Select(p => p.Email).ToArray(),
                [people[0].Email, people[2].Email, people[3].Email], people[1].Email);
        });

    private async Task LinkRoadmapItemsAsync(int releaseId, int[] itemIds) =>
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.RoadmapItems.Where(i => itemIds.Contains(i.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ReleaseId, releaseId));
        });
}

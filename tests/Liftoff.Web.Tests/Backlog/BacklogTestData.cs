using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

internal static class BacklogTestData
{
    public static async Task<RequestView> CreateRequestAsync(HttpClient staff, string title, int org, string email,
        string description = "", string name = "Kim")
    {
        var response = await staff.PostAsJsonAsync("/api/requests",
            new
            {
                title,
                description,
                requestor = new
                {
                    organisationId = org,
                    contactEmail = ContactOf(org, email),
                    contactName = name
                }
            });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RequestView>())!;
    }

    public static async Task AddRequestorAsync(HttpClient staff, long id, int org, string email)
    {
        var response = await staff.PostAsJsonAsync($"/api/requests/{id}/requestors",
            new { organisationId = org, contactEmail = ContactOf(org, email), contactName = email.Split('@')[0] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<int> CreateOrganisationAsync(LiftoffFactory factory, string? segment, string? tier,
        OrganisationKind kind = OrganisationKind.Customer) =>
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var org = new OrganisationEntity
            {
                Name = $"Org {Guid.NewGuid():N}"[..14],
                Kind = kind,
                Segment = segment,
                Tier = tier,
                CreatedAt = DateTimeOffset.UtcNow
            };
            db.Organisations.Add(org);
            await db.SaveChangesAsync();
            return org.Id;
        });

    public static async Task<int> CreateRoadmapItemAsync(LiftoffFactory factory, string title, string? codename = null,
        int? releaseId = null) =>
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var page = await db.RoadmapPages.FirstAsync();
            var item = new RoadmapItem
            {
                PageId = page.Id,
                Title = title,
                Codename = codename,
                Target = "2031-Q2",
                ReleaseId = releaseId,
                UpdatedAt = DateTimeOffset.UtcNow
            };
            db.RoadmapItems.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });

    public static async Task<T> DbAsync<T>(LiftoffFactory factory, Func<AppDbContext, Task<T>> query) =>
        await factory.WithScopeAsync(sp => query(sp.GetRequiredService<AppDbContext>()));

    /// <summary>
    /// The address of a contact of <paramref name="org"/>: an address belongs to one organisation, so the
    /// same local part used for another organisation in another test is another contact.
    /// </summary>
    public static string ContactOf(int org, string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return $"{email[..at]}+o{org}{email[at..]}";
    }

    public static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..(text.Length + 7)];
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Rollout;

internal static class RolloutTestHelpers
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Date(int daysFromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<ReleaseView> CreateReleaseAsync(HttpClient client, bool significant = false,
        int daysAhead = 60, string? version = null)
    {
        var response = await client.PostAsJsonAsync("/api/releases", new
        {
            product = "software",
            version = version ?? RandomVersion(),
            plannedDate = Date(daysAhead),
            significantChanges = significant,
            contentSummary = "Test release",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReleaseView>(Json))!;
    }

    /// <summary>"v" and nine random letters: random digits can spell a year ("v92e2030b4"), which the disclosure
    /// check stops in anything published about the release.</summary>
    public static string RandomVersion() => "v" + string.Concat(Guid.NewGuid().ToString("N")[..9]
        .Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c));

    /// <summary>Creates the delivery and customer-success teams (once per database) with the given lead and
    /// members.</summary>
    private static readonly string[] TeamKeys = ["delivery", "customer-success"];

    public static async Task EnsureTeamsAsync(LiftoffFactory factory, string? leadUserId = null,
        params string[] memberIds) =>
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            foreach (var key in TeamKeys)
            {
                var team = db.Teams.FirstOrDefault(t => t.Key == key);
                if (team is null)
                {
                    team = new Team { Key = key, Name = key == "delivery" ? "Delivery" : "Customer Success" };
                    db.Teams.Add(team);
                    await db.SaveChangesAsync();
                }
                if (leadUserId is not null)
                {
                    team.LeadUserId = leadUserId;
                }
                foreach (var id in memberIds.Append(leadUserId).OfType<string>())
                {
                    if (!db.TeamMembers.Any(m => m.TeamId == team.Id && m.UserId == id))
                    {
                        db.TeamMembers.Add(new TeamMember
                        {
                            TeamId = team.Id,
                            UserId = id,
                            AddedAt = DateTimeOffset.UtcNow
                        });
                    }
                }
                await db.SaveChangesAsync();
            }
        });

    /// <summary>Marks the release released, skipping every open pre-release task with a reason.</summary>
    public static async Task<HttpResponseMessage> MarkReleasedAsync(HttpClient client, int releaseId,
        bool tellRequestors = true)
    {
        var release = (await client.GetFromJsonAsync<ReleaseView>($"/api/releases/{releaseId}", Json))!;
        var decisions = release.Tasks.Where(t => t.IsOpen && t.OffsetDays < 0)
            .Select(t => new { taskId = t.Id, decision = "skip", reason = "Not needed for this test" }).ToList();
        return await client.PostAsJsonAsync($"/api/releases/{releaseId}/status",
            new { status = "released", tellRequestors, decisions });
    }

    public static TaskView Task(this ReleaseView release, string stepKey) =>
        release.Tasks.Single(t => t.StepKey == stepKey);
}

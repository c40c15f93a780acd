using System.Net;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Tests.Infrastructure;
using Liftoff.Web.Tests.Rollout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.KnowledgeBase;

internal static partial class KbTestSupport
{
    /// <summary>An unreleased roadmap item the disclosure guard must keep out of every outgoing text.</summary>
    public const string SecretCodename = "BORTEX";

    public static async Task AddRoadmapSecretAsync(LiftoffFactory factory) =>
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            if (await db.RoadmapItems.AnyAsync(i => i.Codename == SecretCodename))
            {
                return;
            }
            var page = await db.RoadmapPages.FirstAsync();
            db.RoadmapItems.Add(new RoadmapItem
            {
                PageId = page.Id,
                Title = "Borealis Tether Array",
                Codename = SecretCodename,
                Aliases = "tether-omega",
                Target = "2031-Q3",
                UpdatedAt = DateTimeOffset.UtcNow
            });
            await db.SaveChangesAsync();
        });

    /// <summary>Makes one lead the Delivery lead and another the Customer Success lead.</summary>
    public static async Task SetLeadsAsync(LiftoffFactory factory, string deliveryLeadId,
        string customerSuccessLeadId) =>
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            foreach (var (key, lead) in new[] { (DefaultPlaybook.DeliveryTeam, deliveryLeadId),
                (DefaultPlaybook.CustomerSuccessTeam, customerSuccessLeadId) })
            {
                var team = await db.Teams.FirstOrDefaultAsync(t => t.Key == key);
                if (team is null)
                {
                    team = new Team { Key = key, Name = key };
                    db.Teams.Add(team);
                }
                team.LeadUserId = lead;
                await db.SaveChangesAsync();
            }
        });

    public static async Task<int> CreateReleaseAsync(LiftoffFactory factory)
    {
        var api = await factory.TokenClientAsync(Roles.Staff);
        return (await RolloutTestHelpers.CreateReleaseAsync(api, daysAhead: 60)).Id;
    }

    public static async Task<RolloutTaskStatus> TaskStatusAsync(LiftoffFactory factory, int releaseId,
        string stepKey) =>
        await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTasks.Where(t => t.ReleaseId == releaseId && t.StepKey == stepKey).Select(t => t.Status)
                .SingleAsync());

    public static async Task MarkTasksDoneAsync(LiftoffFactory factory, int releaseId, params string[] stepKeys) =>
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.RolloutTasks.Where(t => t.ReleaseId == releaseId && stepKeys.Contains(t.StepKey))
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, RolloutTaskStatus.Done));
        });

    public static async Task<HttpClient> ExternalClientAsync(LiftoffFactory factory, OrganisationKind kind)
    {
        var org = await factory.CreateOrganisationAsync(kind: kind);
        return await factory.SignInAsync(await factory.CreateUserAsync(Roles.External, org));
    }

    public static async Task<string> PostAsync(HttpClient client, string url, Dictionary<string, string> fields,
        string pageUrl)
    {
        var response = await LiftoffFactory.PostFormAsync(client, url, fields, pageUrl);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect,
            $"{url} -> {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.OriginalString));
        }
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public static string Field(string html, string name) => Regex.Match(html,
        $"name=\"{Regex.Escape(name)}\"[^>]*?value=\"([^\"]*)\"").Groups[1].Value;

    /// <summary>Creates a draft through the staff form; returns the article id.</summary>
    public static async Task<int> CreateArticleAsync(HttpClient staff, string title, string body,
        string audience = "Public", int? releaseId = null)
    {
        var response = await LiftoffFactory.PostFormAsync(staff, "/KnowledgeBase?handler=Create", new()
        {
            ["Input.Title"] = title,
            ["Input.BodyMarkdown"] = body,
            ["Input.Audience"] = audience,
            ["Input.ReleaseId"] = releaseId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        }, "/KnowledgeBase");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(ArticleId().Match(response.Headers.Location!.OriginalString).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Publishes the saved draft through the staff page; returns the page after it.</summary>
    public static async Task<string> PublishAsync(HttpClient staff, int articleId)
    {
        var url = $"/KnowledgeBase/{articleId}";
        var page = await staff.GetStringAsync(url);
        return await PostAsync(staff, $"{url}?handler=Publish", FormFields(page), url);
    }

    /// <summary>The article form's fields as the page shows them, as a browser would submit them.</summary>
    public static Dictionary<string, string> FormFields(string page) => new()
    {
        ["RowVersion"] = Field(page, "RowVersion"),
        ["Input.Title"] = WebUtility.HtmlDecode(Field(page, "Input.Title")),
        ["Input.BodyMarkdown"] = WebUtility.HtmlDecode(BodyField().Match(page).Groups[1].Value).TrimStart('\r', '\n'),
        ["Input.Audience"] = SelectedAudience().Match(page).Groups[1].Value,
        ["Input.ReleaseId"] = Field(page, "Input.ReleaseId"),
    };

    public static async Task<string> SaveDraftAsync(HttpClient staff, int articleId, string title, string body,
        string audience = "Public")
    {
        var url = $"/KnowledgeBase/{articleId}";
        var page = await staff.GetStringAsync(url);
        return await PostAsync(staff, $"{url}?handler=Save", new()
        {
            ["RowVersion"] = Field(page, "RowVersion"),
            ["Input.Title"] = title,
            ["Input.BodyMarkdown"] = body,
            ["Input.Audience"] = audience,
            ["Input.ReleaseId"] = Field(page, "Input.ReleaseId"),
        }, url);
    }

    [GeneratedRegex(@"<textarea id=""Input_BodyMarkdown""[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex BodyField();

    [GeneratedRegex(@"<select id=""Input_Audience""[^>]*>.*?<option value=""(\w+)"" selected=""selected""",
        RegexOptions.Singleline)]
    private static partial Regex SelectedAudience();

    [GeneratedRegex(@"/KnowledgeBase/(\d+)")]
    private static partial Regex ArticleId();
}

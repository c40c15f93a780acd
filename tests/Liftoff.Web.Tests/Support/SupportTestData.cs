using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Organisation;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Support;

internal static partial class SupportTestData
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Support", "Fixtures", name);

    /// <summary>Posts the import form with a file like a browser: antiforgery token from the page, multipart
    /// body.</summary>
    public static async Task<HttpResponseMessage> PostImportAsync(HttpClient client, string handler, byte[] file,
        string fileName, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetStringAsync("/Support/Import");
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields ?? [])
        {
            content.Add(new StringContent(v), k);
        }
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "Upload", fileName);
        return await client.PostAsync($"/Support/Import?handler={handler}", content);
    }

    public static async Task<int> CreateReleaseAsync(
        LiftoffFactory factory, DateOnly date, bool significant, int? surgeDays = null,
        ReleaseStatus status = ReleaseStatus.Released, DateTimeOffset? releasedAt = null) =>
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var release = new ReleaseEntity
            {
                Product = ProductKind.Software,
                Version = $"9.{Guid.NewGuid():N}"[..12],
                Name = "Survey Suite",
                PlannedDate = date,
                SignificantChanges = significant,
                Status = status,
                ReleasedAt = releasedAt,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            if (surgeDays is { } days)
            {
                release.Tasks.Add(new RolloutTaskEntity
                {
                    StepKey = DefaultPlaybook.SupportSurge,
                    Name = "Support surge",
                    DurationDays = days,
                    DueDate = date,
                    WindowStart = date,
                    WindowEnd = date.AddDays(days - 1)
                });
            }
            db.Releases.Add(release);
            await db.SaveChangesAsync();
            return release.Id;
        });

    public static async Task<TestUser> EnsureCustomerSuccessLeadAsync(LiftoffFactory factory)
    {
        var lead = await factory.CreateUserAsync(Liftoff.Data.Identity.Roles.Lead);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var team = db.Teams.FirstOrDefault(t => t.Key == DefaultPlaybook.CustomerSuccessTeam);
            if (team is null)
            {
                team = new Team { Key = DefaultPlaybook.CustomerSuccessTeam, Name = "Customer Success" };
                db.Teams.Add(team);
            }
            team.LeadUserId = lead.Id;
            await db.SaveChangesAsync();
        });
        return lead;
    }

    /// <summary>Eight quiet weeks of 20 tickets a day before <paramref name="release"/>.</summary>
    public static object[] QuietWeeks(DateOnly release) =>
        Enumerable.Range(1, 56).Select(back => (object)new
        {
            date = release.AddDays(-back).ToString("yyyy-MM-dd"),
            channel = "email",
            count = 20
        }).ToArray();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

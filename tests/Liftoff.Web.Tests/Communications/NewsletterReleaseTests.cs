using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Domain;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Tests.Infrastructure;
using Liftoff.Web.Tests.KnowledgeBase;
using Liftoff.Web.Tests.Rollout;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liftoff.Web.Tests.Communications;

/// <summary>The newsletter app on a clock the test moves.</summary>
public sealed class ClockedNewsletterFactory(int smtpPort) : NewsletterFactory(smtpPort)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class NewsletterReleaseTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private ClockedNewsletterFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ClockedNewsletterFactory(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task MoveRelease_ScheduledCampaign_MovesBySameOffsetAndOwnersAreTold()
    {
        var (creator, lead) = (await _factory.CreateUserAsync(Roles.Staff), await _factory.CreateUserAsync(Roles.Lead));
        await KbTestSupport.SetLeadsAsync(_factory, lead.Id, lead.Id);
        await _factory.AddContactsAsync(Audience.Customers, 2, "move");
        var staff = await _factory.TokenClientAsync(Roles.Staff);
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff, daysAhead: 60);
        // Whole minutes: PostgreSQL keeps microseconds, not ticks.
        var at = new DateTimeOffset(_factory.Clock.GetUtcNow().UtcDateTime.Date.AddDays(30).AddHours(9), TimeSpan.Zero);
        var scheduled = await CreateCampaignAsync(release.Id, creator.Id, at);
        var sending = await CreateCampaignAsync(release.Id, creator.Id, at);
        await SetStatusAsync(sending, CampaignStatus.Sending);

        var response = await staff.PostAsJsonAsync($"/api/releases/{release.Id}/move",
            new { newDate = release.PlannedDate.AddDays(7).ToString("yyyy-MM-dd") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(at.AddDays(7), (await CampaignAsync(scheduled)).ScheduledAt);
        Assert.Equal(at, (await CampaignAsync(sending)).ScheduledAt);
        var mails = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Kind == "newsletter.moved").ToListAsync());
        Assert.Equal(new[] { creator.Email, lead.Email }.Order(), mails.Select(m => m.ToAddress).Order());
        Assert.All(mails, m => Assert.Contains($"now goes out on {at.AddDays(7):yyyy-MM-dd HH:mm} UTC", m.TextBody));
        Assert.All(mails, m => Assert.Contains($"/Communications/Newsletter/{scheduled}", m.TextBody));
        var audit = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.CountAsync(e => e.Action == "newsletter.moved"));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task CancelRelease_ScheduledCampaign_IsPausedWithTheReasonOnItsPage()
    {
        await _factory.AddContactsAsync(Audience.Resellers, 1, "cancel");
        var staff = await _factory.TokenClientAsync(Roles.Staff);
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff, daysAhead: 60);
        var at = _factory.Clock.GetUtcNow().AddDays(20);
        var id = await CreateCampaignAsync(release.Id, null, at, CampaignAudience.Resellers);

        var response = await staff.PostAsJsonAsync($"/api/releases/{release.Id}/status", new { status = "cancelled" });
        var sent = await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();
        var page = WebUtility.HtmlDecode(await (await _factory.SignedInClientAsync(Roles.Staff))
            .GetStringAsync($"/Communications/Newsletter/{id}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var campaign = await CampaignAsync(id);
        Assert.Equal(CampaignStatus.Paused, campaign.Status);
        var today = DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime);
        Assert.Matches($"^Release .*{release.Version} was cancelled on {today:yyyy-MM-dd}\\.$", campaign.PauseReason);
        Assert.Contains(campaign.PauseReason!, page);
        Assert.Equal(0, sent);
    }

    [Fact]
    public async Task Send_RoadmapItemAddedAfterScheduling_PausesWithPassageAndAudienceAndSendsNothing()
    {
        await _factory.AddContactsAsync(Audience.Customers, 3, "guard");
        var id = await _factory.WithScopeAsync(async sp =>
        {
            var campaigns = sp.GetRequiredService<NewsletterCampaigns>();
            var sending = sp.GetRequiredService<NewsletterSending>();
            var created = await campaigns.CreateAsync(new CampaignInput("What is next", CampaignAudience.Customers, "",
                $"Next up: {KbTestSupport.SecretCodename} for everyone.", null), null);
            Assert.True((await sending.ScheduleAsync(created.Value!.Id, _factory.Clock.GetUtcNow().AddHours(1))).IsOk);
            return created.Value.Id;
        });
        await KbTestSupport.AddRoadmapSecretAsync(_factory);
        _factory.Clock.Advance(TimeSpan.FromHours(2));

        var sent = await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();

        var campaign = await CampaignAsync(id);
        Assert.Equal(0, sent);
        Assert.Empty(_smtp.Messages);
        Assert.Equal(CampaignStatus.Paused, campaign.Status);
        Assert.Contains($"\"{KbTestSupport.SecretCodename}\" in the content for customers", campaign.PauseReason);
        Assert.Contains("Nothing was sent.", campaign.PauseReason);
        var resumed = await _factory.WithScopeAsync(sp =>
            sp.GetRequiredService<NewsletterSending>().ResumeAsync(id));
        Assert.Equal(OutcomeKind.Conflict, resumed.Kind);
        Assert.Equal(CampaignStatus.Paused, (await CampaignAsync(id)).Status);
    }

    [Fact]
    public async Task Schedule_NoCustomerContactWithConsent_RefusedWithReasonStaysDraftAndTaskStaysOpen()
    {
        await _factory.AddContactsAsync(Audience.Resellers, 2, "res");
        await _factory.AddContactsAsync(Audience.Customers, 2, "nocons", consent: false);
        var staff = await _factory.TokenClientAsync(Roles.Staff);
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff, daysAhead: 60);
        var id = await CreateDraftAsync(CampaignAudience.Customers, release.Id);
        var client = await _factory.SignedInClientAsync(Roles.Staff);
        var url = $"/Communications/Newsletter/{id}";

        var html = await PostAsync(client, $"{url}?handler=Schedule", Confirmed, url);
        var direct = await _factory.WithScopeAsync(sp =>
            sp.GetRequiredService<NewsletterSending>().ScheduleAsync(id, null));
        await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();

        Assert.Contains(
            "No contact of a customer organisation has consent to receive newsletters (2 without consent).", html);
        Assert.Contains("No contact of a customer organisation has consent", direct.Message);
        Assert.Equal(CampaignStatus.Draft, (await CampaignAsync(id)).Status);
        Assert.False(await _factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().NewsletterRecipients.AnyAsync(r => r.CampaignId == id)));
        var task = await KbTestSupport.TaskStatusAsync(_factory, release.Id, DefaultPlaybook.Newsletter);
        Assert.NotEqual(RolloutTaskStatus.Done, task);
    }

    [Fact]
    public async Task SchedulePage_FirstStep_ShowsRecipientsPerAudienceAndOnlyTheConfirmationSends()
    {
        await _factory.AddContactsAsync(Audience.Resellers, 3, "res");
        await _factory.AddContactsAsync(Audience.Customers, 2, "cus");
        await _factory.AddContactsAsync(Audience.Customers, 4, "nocons", consent: false);
        var id = await CreateDraftAsync(CampaignAudience.Both, null);
        var client = await _factory.SignedInClientAsync(Roles.Staff);
        var url = $"/Communications/Newsletter/{id}";

        var first = await PostAsync(client, $"{url}?handler=Schedule", new() { ["ScheduledAt"] = "" }, url);
        var statusAfterFirst = (await CampaignAsync(id)).Status;
        var confirmed = await PostAsync(client, $"{url}?handler=Schedule", Confirmed, url);

        Assert.Contains("Send now to 5 recipients?", first);
        Assert.Contains("data-recipients=\"Resellers\">3<", first);
        Assert.Contains("data-recipients=\"Customers\">2<", first);
        Assert.Contains("Confirm and send now", first);
        Assert.Equal(CampaignStatus.Draft, statusAfterFirst);
        Assert.Contains("Sending has started.", confirmed);
        Assert.Equal(CampaignStatus.Scheduled, (await CampaignAsync(id)).Status);
        Assert.Equal(5, (await _factory.ProgressAsync(id)).Total);
    }

    [Fact]
    public async Task CompletedCampaign_PageOffersNoPauseOrResendAndHandlersRefuse()
    {
        await _factory.AddContactsAsync(Audience.Resellers, 2, "done");
        var id = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Resellers);
        await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();
        var client = await _factory.SignedInClientAsync(Roles.Staff);
        var url = $"/Communications/Newsletter/{id}";

        var page = await client.GetStringAsync(url);
        var pause = await PostAsync(client, $"{url}?handler=Pause", new(), url);
        var retry = await PostAsync(client, $"{url}?handler=RetryFailed", new(), url);
        var resend = await PostAsync(client, $"{url}?handler=ResolveUncertain", new() { ["resend"] = "true" }, url);

        Assert.Equal(CampaignStatus.Completed, (await CampaignAsync(id)).Status);
        Assert.DoesNotContain(">Pause<", page);
        Assert.DoesNotContain(">Resend uncertain<", page);
        Assert.DoesNotContain(">Retry failed recipients<", page);
        Assert.Contains("Only a scheduled or sending newsletter can be paused.", pause);
        Assert.Contains("This newsletter is completed; nothing more is sent from it.", retry);
        Assert.Contains("This newsletter is completed; nothing more is sent from it.", resend);
        Assert.Equal(CampaignStatus.Completed, (await CampaignAsync(id)).Status);
    }

    private Task<int> CreateDraftAsync(CampaignAudience audience, int? releaseId) =>
        _factory.WithScopeAsync(async sp =>
        {
            var created = await sp.GetRequiredService<NewsletterCampaigns>().CreateAsync(
                new CampaignInput("Release news", audience, "For resellers", "For customers", releaseId), null);
            Assert.True(created.IsOk, created.Message);
            return created.Value!.Id;
        });

    private Task<int> CreateCampaignAsync(int releaseId, string? creatorId, DateTimeOffset at,
        CampaignAudience audience = CampaignAudience.Customers) =>
        _factory.WithScopeAsync(async sp =>
        {
            var campaigns = sp.GetRequiredService<NewsletterCampaigns>();
            var sending = sp.GetRequiredService<NewsletterSending>();
            var created = await campaigns.CreateAsync(
                new CampaignInput("Release news", audience, "For resellers", "For customers", releaseId), creatorId);
            var scheduled = await sending.ScheduleAsync(created.Value!.Id, at);
            Assert.True(scheduled.IsOk && scheduled.Value!.Count == 0, scheduled.Message);
            return created.Value.Id;
        });

    private Task SetStatusAsync(int id, CampaignStatus status) =>
        _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().NewsletterCampaigns.Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, status)));

    private Task<NewsletterCampaign> CampaignAsync(int id) =>
        _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().NewsletterCampaigns.AsNoTracking()
            .SingleAsync(c => c.Id == id));

    private static Dictionary<string, string> Confirmed => new() { ["ScheduledAt"] = "", ["confirmed"] = "true" };

    private static async Task<string> PostAsync(
        HttpClient client, string url, Dictionary<string, string> fields, string pageUrl) =>
        await KbTestSupport.PostAsync(client, url, fields, pageUrl);
}

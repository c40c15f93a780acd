using System.Net;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Organisation;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Communications;

public sealed class NewsletterSendTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private NewsletterFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new NewsletterFactory(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Send_BothAudiences_EachConsentingContactGetsOneMessageWithBothPartsAndUnsubscribeHeaders()
    {
        var resellers = await _factory.AddContactsAsync(Audience.Resellers, 12, "res");
        var customers = await _factory.AddContactsAsync(Audience.Customers, 9, "cus");
        var noConsent = await _factory.AddContactsAsync(Audience.Customers, 2, "nocons", consent: false);
        var orgContact = $"org-{Guid.NewGuid():N}@test.example";
        await _factory.CreateOrganisationContactAsync(OrganisationKind.Reseller, orgContact);
        resellers.Add(orgContact);
        var releaseId = await CreateReleaseWithTaskAsync(DefaultPlaybook.Newsletter);
        var campaignId = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Both, releaseId);

        var sent = await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();

        Assert.Equal(resellers.Count + customers.Count, sent);
        var received = _smtp.Messages.Where(m => (m.MessageId ?? "")
            .StartsWith($"newsletter-{campaignId}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(resellers.Count + customers.Count, received.Count);
        Assert.Equal(received.Count, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.DoesNotContain(received, m => noConsent.Contains(m.To.Mailboxes.Single().Address));
        var reseller = received.First(m => m.To.Mailboxes.Single().Address == resellers[0]);
        Assert.Contains("<strong>Resellers</strong>", reseller.HtmlBody);
        Assert.DoesNotContain("<script", reseller.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", reseller.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Resellers", reseller.TextBody);
        Assert.Contains("http://liftoff.test/unsubscribe/", reseller.TextBody);
        Assert.Matches("^<http://liftoff.test/unsubscribe/[^>]+>$", reseller.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", reseller.Headers["List-Unsubscribe-Post"]);
        var customer = received.First(m => m.To.Mailboxes.Single().Address == customers[0]);
        Assert.Contains("<strong>Customers</strong>", customer.HtmlBody);
        Assert.DoesNotContain("Resellers", customer.TextBody);
        var progress = await _factory.ProgressAsync(campaignId);
        Assert.Equal((CampaignStatus.Completed, resellers.Count + customers.Count, 0, 0, 0),
            (progress.Status, progress.Sent, progress.Failed, progress.Remaining, progress.Uncertain));
        var task = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTasks.SingleAsync(t => t.ReleaseId == releaseId));
        Assert.Equal(RolloutTaskStatus.Done, task.Status);
    }

    [Fact]
    public async Task Unsubscribe_OneClickReplayedAndForged_FirstTimeKeptAndForgedRefused()
    {
        var emails = await _factory.AddContactsAsync(Audience.Customers, 1, "unsub");
        var campaignId = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Customers);
        await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();
        var message = await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == emails[0])
            && (m.MessageId ?? "").StartsWith($"newsletter-{campaignId}-", StringComparison.Ordinal));
        var url = new Uri(message.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        var anonymous = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        { AllowAutoRedirect = false });
        var oneClick = new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" };

        var confirm = await anonymous.GetAsync(url.PathAndQuery);
        var first = await anonymous.PostAsync(url.PathAndQuery, new FormUrlEncodedContent(oneClick));
        var firstAt = await UnsubscribedAtAsync(emails[0]);
        var replay = await anonymous.PostAsync(url.PathAndQuery, new FormUrlEncodedContent(oneClick));
        var forgedPath = url.AbsolutePath[..^4] + (url.AbsolutePath.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB"
            : "AAAA");
        var forged = await anonymous.PostAsync(forgedPath, new FormUrlEncodedContent(oneClick));
        var invented = await anonymous.PostAsync("/unsubscribe/CfDJ8invented", new FormUrlEncodedContent(oneClick));

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(firstAt);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(firstAt, await UnsubscribedAtAsync(emails[0]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invented.StatusCode);
    }

    [Fact]
    public async Task Send_ContactUnsubscribedAfterScheduling_IsSkipped()
    {
        var emails = await _factory.AddContactsAsync(Audience.Resellers, 3, "late");
        var campaignId = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Resellers);
        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var id = await db.Contacts.Where(c => c.Email == emails[1]).Select(c => c.Id).SingleAsync();
            await sp.GetRequiredService<ContactAdministration>().UnsubscribeAsync(id, "test");
        });

        await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();

        var progress = await _factory.ProgressAsync(campaignId);
        Assert.Equal((2, 1), (progress.Sent, progress.Skipped));
        Assert.DoesNotContain(_smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == emails[1]));
    }

    [Fact]
    public async Task ProgressHandler_SentCampaign_ShowsCounts()
    {
        await _factory.AddContactsAsync(Audience.Resellers, 4, "progress");
        var campaignId = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Resellers);
        await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();
        var client = await _factory.SignedInClientAsync(Liftoff.Data.Identity.Roles.Staff);

        var html = await client.GetStringAsync($"/Communications/Newsletter/{campaignId}?handler=Progress");
        var page = await client.GetStringAsync($"/Communications/Newsletter/{campaignId}");

        Assert.Contains("data-count=\"remaining\">0<", html);
        Assert.Contains("Completed", html);
        Assert.Contains("id=\"progress\"", page);
    }

    private async Task<DateTimeOffset?> UnsubscribedAtAsync(string email) =>
        await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.Email == email)
            .Select(c => c.UnsubscribedAt).SingleAsync());

    private async Task<int> CreateReleaseWithTaskAsync(string stepKey) =>
        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var release = new ReleaseEntity
            {
                Product = ProductKind.Software,
                Version = $"5.{Random.Shared.Next(1000, 9999)}",
                Name = "Spring release",
                PlannedDate = new DateOnly(2027, 3, 1),
                CreatedAt = DateTimeOffset.UtcNow
            };
            release.Tasks.Add(new RolloutTaskEntity
            {
                StepKey = stepKey,
                Name = "Newsletter",
                DueDate = new DateOnly(2027, 2, 15),
                OffsetDays = -14
            });
            db.Releases.Add(release);
            await db.SaveChangesAsync();
            return release.Id;
        });
}

using System.Text;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Communications;

public sealed class NewsletterUnreachableTests : IAsyncLifetime
{
    private readonly int _port = TestSmtpServer.FreePort();
    private NewsletterFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new NewsletterFactory(_port);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    [Fact]
    public async Task Send_SmtpUnreachable_PausesWithReasonAndResumeSendsEachOnce()
    {
        var emails = await _factory.AddContactsAsync(Audience.Customers, 25, "down");
        var campaignId = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Customers);
        var sender = _factory.Services.GetRequiredService<NewsletterSender>();

        await sender.RunOnceAsync();
        var paused = await _factory.ProgressAsync(campaignId);
        await using var smtp = new TestSmtpServer(_port);
        var resumed = await _factory.WithScopeAsync(sp => sp.GetRequiredService<NewsletterSending>()
            .ResumeAsync(campaignId));
        await sender.RunOnceAsync();
        await sender.RunOnceAsync();

        Assert.Equal(CampaignStatus.Paused, paused.Status);
        Assert.Contains("unreachable", paused.PauseReason);
        Assert.Equal((0, 25, 0), (paused.Sent, paused.Remaining, paused.Uncertain));
        Assert.True(resumed.IsOk);
        var received = smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(emails.Order(), received.Order());
        Assert.Equal(CampaignStatus.Completed, (await _factory.ProgressAsync(campaignId)).Status);
    }
}

public sealed class ContactImportTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task ImportCsv_InvalidAndDuplicateRows_ReportsEachRowAndImportsNothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv =
            $"email,name,consent\nok-{tag}@test.example,Ok,yes\nnot-an-address,Bad,yes\n" +
            $"OK-{tag}@test.example,Dup,yes\nsecond-{tag}@test.example,Maybe,perhaps\n";

        var report = await ImportAsync(csv, "bad list " + tag);

        Assert.Equal(0, report.Imported);
        Assert.Equal([3, 4, 5], report.Errors.Select(e => e.Row));
        Assert.Contains("Duplicate of row 2", report.Errors[1].Message);
        Assert.Equal(0, await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .Contacts.CountAsync(c => c.ListName == "bad list " + tag)));
    }

    [Fact]
    public async Task ImportCsv_ValidList_ImportsWithConsentAndRefusesReimport()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = $"Email,Name,Consent\na-{tag}@test.example,A,yes\nb-{tag}@test.example,B,no\n";

        var report = await ImportAsync(csv, "list " + tag);
        var again = await ImportAsync(csv, "list " + tag);

        Assert.True(report.Succeeded);
        Assert.Equal(2, report.Imported);
        var consent = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .Contacts.Where(c => c.ListName == "list " + tag).OrderBy(c => c.Email).Select(c => c.Consent)
                .ToListAsync());
        Assert.Equal([true, false], consent);
        Assert.Equal(2, again.Errors.Count);
        Assert.All(again.Errors, e => Assert.Contains("Already a contact", e.Message));
    }

    [Fact]
    public async Task ContactsPage_UploadWithBadRow_ShowsRowErrors()
    {
        var client = await factory.SignedInClientAsync(Liftoff.Data.Identity.Roles.Staff);
        var page = await client.GetStringAsync("/Communications/Contacts");
        var token = System.Text.RegularExpressions.Regex.Match(page,
            "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("upload"), "ListName" },
            { new StringContent("Resellers"), "ImportAudience" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("email\nbroken@\n")), "File", "list.csv" },
        };

        var response = await client.PostAsync("/Communications/Contacts?handler=Import", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Nothing was imported", html);
        Assert.Contains("Not a valid email address.", html);
    }

    private Task<ImportReport> ImportAsync(string csv, string list) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<ContactAdministration>()
            .ImportCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Audience.Customers, list));
}

/// <summary>A factory whose roadmap holds the unreleased item "Project Falcon".</summary>
public sealed class GuardedFactory : LiftoffFactory
{
    public async Task AddFalconAsync() =>
        await WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            if (await db.RoadmapItems.AnyAsync(i => i.Title == "Project Falcon"))
            {
                return;
            }
            var page = await db.RoadmapPages.FirstAsync();
            db.RoadmapItems.Add(new RoadmapItem
            {
                PageId = page.Id,
                Title = "Project Falcon",
                Target = "2031-Q3",
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });
}

public sealed class NewsletterDisclosureTests(GuardedFactory factory) : IClassFixture<GuardedFactory>
{
    [Fact]
    public async Task Schedule_TextWithFinding_IsBlockedWithSpanAndNoLedger()
    {
        await factory.AddFalconAsync();
        var (id, outcome) = await factory.WithScopeAsync(async sp =>
        {
            var campaigns = sp.GetRequiredService<NewsletterCampaigns>();
            var sending = sp.GetRequiredService<NewsletterSending>();
            var created = await campaigns.CreateAsync(new CampaignInput("News", CampaignAudience.Customers, "",
                "Soon: Project Falcon ships.", null), null);
            return (created.Value!.Id, await sending.ScheduleAsync(created.Value.Id, null));
        });

        Assert.True(outcome.IsOk);
        var finding = Assert.Single(outcome.Value!);
        Assert.Equal(("Customer content", 6, 14), (finding.Part, finding.Finding.Start, finding.Finding.Length));
        var campaign = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .NewsletterCampaigns.SingleAsync(c => c.Id == id));
        Assert.Equal(CampaignStatus.Draft, campaign.Status);
    }

    [Fact]
    public async Task NewsletterPage_SendWithFinding_ShowsPassage()
    {
        await factory.AddFalconAsync();
        var id = await factory.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<NewsletterCampaigns>()
                .CreateAsync(new CampaignInput("About Project Falcon", CampaignAudience.Resellers, "Hello", "", null),
                    null)).Value!.Id);
        var client = await factory.SignedInClientAsync(Liftoff.Data.Identity.Roles.Staff);

        var response = await LiftoffFactory.PostFormAsync(client, $"/Communications/Newsletter/{id}?handler=Schedule",
            new() { ["ScheduledAt"] = "" }, $"/Communications/Newsletter/{id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("disclosure check found", html);
        Assert.Contains("<mark>Project Falcon</mark>", html);
    }
}

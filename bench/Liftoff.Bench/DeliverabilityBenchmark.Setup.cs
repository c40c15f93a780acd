using System.Diagnostics;
using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Infrastructure.Cli;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Liftoff.Bench;

// Set-up of a deliverability run: contacts, a scheduled campaign, old bounces skipped.
public sealed partial class DeliverabilityBenchmark
{
    private static async Task<T> WithDbAsync<T>(WebApplicationFactory<NewsletterSender> app,
        Func<AppDbContext, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static Task<int> SeedAsync(WebApplicationFactory<NewsletterSender> app, int recipients, int undeliverable,
        string tag) =>
        WithDbAsync(app, async db =>
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < recipients; i++)
            {
                // Every 50th address is at bad.test: Postfix accepts it, then bounces it with a DSN.
                var domain = i % 50 == 0 && i / 50 < undeliverable ? "bad.test" : "good.test";
                var email = string.Create(CultureInfo.InvariantCulture, $"r{i:D5}-{tag}@{domain}");
                db.Contacts.Add(new Contact
                {
                    Email = email,
                    NormalizedEmail = email,
                    Name = $"Reader {i}",
                    Audience = Audience.Customers,
                    Consent = true,
                    CreatedAt = now
                });
            }
            return await db.SaveChangesAsync();
        });

    /// <summary>Starts the cursor after what is already in the shared bounce mailbox (earlier runs), so only this run's
    /// bounces count.</summary>
    private static async Task SkipOldBouncesAsync(WebApplicationFactory<NewsletterSender> app, string host, int port)
    {
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(host, port, SecureSocketOptions.None);
        await client.AuthenticateAsync("bounces@mail.test", Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var last = (await client.Inbox.SearchAsync(SearchQuery.All)).Select(u => (long)u.Id).DefaultIfEmpty(0).Max();
        var validity = (long)client.Inbox.UidValidity;
        await client.DisconnectAsync(true);
        await WithDbAsync(app, db =>
        {
            db.MailboxCursors.Add(new MailboxCursor
            {
                Mailbox = BounceMailboxReader.MailboxName,
                UidValidity = validity,
                LastUid = last
            });
            return db.SaveChangesAsync();
        });
    }

    private static async Task<int> ScheduleAsync(WebApplicationFactory<NewsletterSender> app, string subject)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<NewsletterCampaigns>();
        var sending = scope.ServiceProvider.GetRequiredService<NewsletterSending>();
        var created = await campaigns.CreateAsync(new CampaignInput(subject, CampaignAudience.Customers, "",
            "# Release 5.2\n\nFaster exports for **customers**.\n", null), null);
        var scheduled = await sending.ScheduleAsync(created.Value!.Id, null);
        if (!scheduled.IsOk)
        {
            throw new InvalidOperationException(scheduled.Message);
        }
        return created.Value.Id;
    }
}

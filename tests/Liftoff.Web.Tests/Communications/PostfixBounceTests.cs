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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Liftoff.Web.Tests.Communications;

/// <summary>Runs only where scripts/test.sh has started Postfix and Dovecot (scripts/mail-server.sh).</summary>
public sealed class MailServerFactAttribute : FactAttribute
{
    public const string SmtpVariable = "LIFTOFF_TEST_MAIL_SMTP";
    public const string ImapVariable = "LIFTOFF_TEST_MAIL_IMAP";

    public MailServerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(SmtpVariable) is null
            || Environment.GetEnvironmentVariable(ImapVariable) is null)
        {
            Skip = $"{SmtpVariable} and {ImapVariable} are not set: scripts/test.sh starts Postfix and Dovecot on " +
                $"loopback "
                + "(scripts/mail-server.sh) for these tests.";
        }
    }

    public static (string Host, int Port) Endpoint(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable)!;
        var colon = value.LastIndexOf(':');
        return (value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}

public sealed class MailServerFactory(string keyPath) : DeliverabilityFactory(
    MailServerFactAttribute.Endpoint(MailServerFactAttribute.SmtpVariable).Port, keyPath)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var (host, port) = MailServerFactAttribute.Endpoint(MailServerFactAttribute.ImapVariable);
        builder.UseSetting("Bounces:ImapHost", host);
        builder.UseSetting("Bounces:ImapPort", port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Bounces:ImapSecurity", "None");
        builder.UseSetting("Bounces:ImapUsername", "bounces@mail.test");
        builder.UseSetting("Bounces:ImapPassword", Environment.GetEnvironmentVariable("LIFTOFF_TEST_MAIL_PASSWORD")
            ?? "secret");
    }
}

public sealed class PostfixBounceTests : IAsyncLifetime
{
    private readonly string _keyDir = Directory.CreateTempSubdirectory("liftoff-dkim").FullName;
    private MailServerFactory _factory = null!;

    public Task InitializeAsync()
    {
        var keyPath = Path.Combine(_keyDir, "liftoff1.mail.test.pem");
        Assert.Equal(0, DkimCommand.Create("mail.test", "liftoff1", ["--out", keyPath], new StringWriter(),
            new StringWriter()));
        _factory = new MailServerFactory(keyPath);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_keyDir, true);
    }

    [MailServerFact]
    public async Task Newsletter_ThroughPostfix_ArrivesOnceAndPostfixBounceSuppressesTheUndeliverable()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var good = new List<string>();
        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            foreach (var address in new[] { $"a-{tag}@good.test", $"b-{tag}@good.test", $"c-{tag}@good.test",
                $"gone-{tag}@bad.test" })
            {
                db.Contacts.Add(new Contact
                {
                    Email = address,
                    NormalizedEmail = address,
                    Name = address,
                    Audience = Audience.Customers,
                    Consent = true,
                    CreatedAt = DateTimeOffset.UtcNow
                });
                if (address.EndsWith("@good.test", StringComparison.Ordinal))
                {
                    good.Add(address);
                }
            }
            await db.SaveChangesAsync();
        });
        var bad = $"gone-{tag}@bad.test";
        var first = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Customers, subject: $"First {tag}");
        var sender = _factory.Services.GetRequiredService<NewsletterSender>();

        Assert.Equal(4, await sender.RunOnceAsync());
        var reader = _factory.Services.GetRequiredService<BounceMailboxReader>();
        SuppressedAddress? suppressed = null;
        for (var i = 0; i < 60 && suppressed is null; i++)
        {
            await reader.ReadOnceAsync();
            suppressed = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
                .SuppressedAddresses.AsNoTracking().FirstOrDefaultAsync(s => s.Email == bad));
            if (suppressed is null)
            {
                await Task.Delay(500);
            }
        }

        Assert.Equal(SuppressionReason.HardBounce, suppressed?.Reason);
        var inbox = await InboxAsync($"First {tag}");
        for (var i = 0; i < 60 && inbox.Count < good.Count; i++)
        {
            await Task.Delay(500);
            inbox = await InboxAsync($"First {tag}");
        }
        Assert.Equal(good.Order(), inbox.Order());
        var second = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Customers, subject: $"Second {tag}");
        Assert.Equal(3, await sender.RunOnceAsync());
        var progress = await _factory.ProgressAsync(second);
        Assert.Equal((3, 1), (progress.Sent, progress.Suppressed));
        var report = await _factory.WithScopeAsync(sp => sp.GetRequiredService<CampaignReport>().BuildAsync(first));
        Assert.Equal((4, 3, 1), (report!.Sent, report.Delivered, report.HardBounces));
        // Postfix's bounce left the inbox for the processed folder.
        var aboutBad = SearchQuery.BodyContains(bad);
        Assert.Equal((0, 1), (await CountAsync("INBOX", aboutBad), await CountAsync("Processed", aboutBad)));
    }

    [MailServerFact]
    public async Task Reader_NotUnderstoodMessage_KeptInUnparsedFolderAndListedOnce_EvenWhenItComesBack()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var reader = _factory.Services.GetRequiredService<BounceMailboxReader>();
        var strange = StrangeMessage(tag, $"<strange-{tag}@elsewhere.test>");
        await AppendAsync(strange);

        await reader.ReadOnceAsync();
        // The same message again (as after a crash between recording and moving, or a copy put back by hand).
        await AppendAsync(strange);
        await reader.ReadOnceAsync();

        var subject = SearchQuery.SubjectContains($"Strange {tag}");
        Assert.Equal((0, 2), (await CountAsync("INBOX", subject), await CountAsync("Unparsed", subject)));
        var listed = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .UnparsedMailMessages.AsNoTracking().Where(m => m.MessageId == $"strange-{tag}@elsewhere.test")
                .ToListAsync());
        Assert.Contains($"Strange {tag}", Assert.Single(listed).Subject);
        Assert.Equal(0, await _factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().SuppressedAddresses.CountAsync()));
    }

    [MailServerFact]
    public async Task Reader_MessageRecordedBeforeAStop_MovedWithoutBeingRecordedAgain()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var reader = _factory.Services.GetRequiredService<BounceMailboxReader>();
        await reader.ReadOnceAsync(); // Whatever earlier runs left in the inbox; the cursor is set up.
        var uid = await AppendAsync(StrangeMessage(tag, $"<recorded-{tag}@elsewhere.test>"));
        // As if the message had been recorded (cursor moved past it in the same transaction) and the process
        // had stopped before moving it out of the inbox.
        await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .MailboxCursors.Where(c => c.Mailbox == BounceMailboxReader.MailboxName)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastUid, (long)uid.Id)));

        await reader.ReadOnceAsync();

        var subject = SearchQuery.SubjectContains($"Strange {tag}");
        Assert.Equal((0, 1), (await CountAsync("INBOX", subject), await CountAsync("Processed", subject)));
        Assert.Equal(0, await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .UnparsedMailMessages.CountAsync(m => m.MessageId == $"recorded-{tag}@elsewhere.test")));
    }

    private static MimeMessage StrangeMessage(string tag, string messageId)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Someone", "someone@elsewhere.test"));
        message.To.Add(new MailboxAddress("", "bounces@mail.test"));
        message.Subject = $"Strange {tag} <b>not a bounce</b>";
        message.MessageId = messageId.Trim('<', '>');
        message.Body = new TextPart("plain")
        {
            Text = "Hello, is this the right address for <script>questions</script>?",
        };
        return message;
    }

    private static async Task<ImapClient> ConnectAsync(string user)
    {
        var (host, port) = MailServerFactAttribute.Endpoint(MailServerFactAttribute.ImapVariable);
        var client = new ImapClient { Timeout = 30_000 };
        await client.ConnectAsync(host, port, SecureSocketOptions.None);
        var password = Environment.GetEnvironmentVariable("LIFTOFF_TEST_MAIL_PASSWORD") ?? "secret";
        await client.AuthenticateAsync(user, password);
        return client;
    }

    private static async Task<UniqueId> AppendAsync(MimeMessage message)
    {
        using var client = await ConnectAsync("bounces@mail.test");
        var uid = await client.Inbox.AppendAsync(new AppendRequest(message));
        await client.DisconnectAsync(true);
        return uid ?? throw new InvalidOperationException("The server did not say which UID the message got.");
    }

    /// <summary>How many messages of the bounce mailbox's folder match (0 when the folder does not exist).</summary>
    private static async Task<int> CountAsync(string folderName, SearchQuery query)
    {
        using var client = await ConnectAsync("bounces@mail.test");
        IMailFolder folder;
        try
        {
            folder = folderName == "INBOX" ? client.Inbox : await client.GetFolderAsync(folderName);
        }
        catch (FolderNotFoundException)
        {
            return 0;
        }
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var count = (await folder.SearchAsync(query)).Count;
        await client.DisconnectAsync(true);
        return count;
    }

    /// <summary>The To addresses of the messages with this subject in the inbox mailbox (every good.test address lands
    /// there).</summary>
    private static async Task<List<string>> InboxAsync(string subject)
    {
        var (host, port) = MailServerFactAttribute.Endpoint(MailServerFactAttribute.ImapVariable);
        using var client = new ImapClient();
        await client.ConnectAsync(host, port, SecureSocketOptions.None);
        await client.AuthenticateAsync("inbox@mail.test", Environment.GetEnvironmentVariable(
            "LIFTOFF_TEST_MAIL_PASSWORD") ?? "secret");
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var list = new List<string>();
        foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.SubjectContains(subject)))
        {
            var message = await client.Inbox.GetMessageAsync(uid);
            list.AddRange(message.To.Mailboxes.Select(m => m.Address));
        }
        await client.DisconnectAsync(true);
        return list;
    }
}

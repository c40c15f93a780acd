using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Infrastructure.Cli;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Liftoff.Web.Tests.Communications;

public sealed class DeliverabilityTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private readonly string _keyDir = Directory.CreateTempSubdirectory("liftoff-dkim").FullName;
    private DeliverabilityFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new DeliverabilityFactory(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
        Directory.Delete(_keyDir, true);
    }

    private async Task<(int CampaignId, List<NewsletterRecipient> Rows)> SendToAsync(int count, string tag)
    {
        await _factory.AddContactsAsync(Audience.Customers, count, tag);
        var campaignId = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Customers);
        await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();
        var rows = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .NewsletterRecipients.AsNoTracking()
            .Where(r => r.CampaignId == campaignId).OrderBy(r => r.Id).ToListAsync());
        return (campaignId, rows);
    }

    private Task<SuppressedAddress?> SuppressionAsync(string email) =>
        _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SuppressedAddresses.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Email == email));

    [Fact]
    public async Task Send_WithBounceMailbox_EnvelopeIsPerRecipientAndListUnsubscribeHasMailto()
    {
        var (campaignId, rows) = await SendToAsync(1, "verp");

        var message = await _smtp.WaitForMessageAsync(m =>
            m.MessageId == $"newsletter-{campaignId}-{rows[0].Id}@liftoff");

        var header = message.Headers["List-Unsubscribe"]!;
        Assert.Matches(
            @"^<http://liftoff\.test/unsubscribe/[^>]+>, " +
            @"<mailto:bounces\+u\d+\.[0-9a-f]{16}@mail\.test\?subject=unsubscribe>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var token = _factory.Services.GetRequiredService<ReturnPaths>()
            .Read(_factory.ReturnPath(ReturnPathKind.NewsletterRecipient, rows[0].Id));
        Assert.Equal(new ReturnPathToken(ReturnPathKind.NewsletterRecipient, rows[0].Id), token);
    }

    [Fact]
    public async Task Record_PostfixHardBounce_SuppressesAtOnceAndLinksTheCampaign()
    {
        var (campaignId, rows) = await SendToAsync(2, "hard");

        var what = await _factory.RecordSampleAsync("postfix-hard-bounce.eml",
            _factory.ReturnPath(ReturnPathKind.NewsletterRecipient, rows[0].Id));

        Assert.Contains("suppressed", what);
        var suppression = await SuppressionAsync(rows[0].Email);
        Assert.Equal(SuppressionReason.HardBounce, suppression?.Reason);
        Assert.Null(await SuppressionAsync(rows[1].Email));
        var report = await _factory.WithScopeAsync(sp => sp.GetRequiredService<CampaignReport>()
            .BuildAsync(campaignId));
        Assert.Equal((2, 1, 1, 0), (report!.Sent, report.Delivered, report.HardBounces, report.Complaints));
        Assert.Contains("5.1.1", report.Rows.Single(r => r.Email == rows[0].Email).Detail);
    }

    [Fact]
    public async Task Record_SoftBounces_SuppressOnlyAtTheConfiguredCount()
    {
        var (_, rows) = await SendToAsync(1, "soft");
        var returnPath = _factory.ReturnPath(ReturnPathKind.NewsletterRecipient, rows[0].Id);

        await _factory.RecordSampleAsync("soft-bounce-mailbox-full.eml", returnPath);
        await _factory.RecordSampleAsync("soft-bounce-mailbox-full.eml", returnPath);
        var afterTwo = await SuppressionAsync(rows[0].Email);
        await _factory.RecordSampleAsync("soft-bounce-mailbox-full.eml", returnPath);

        Assert.Null(afterTwo);
        Assert.Equal(SuppressionReason.SoftBounces, (await SuppressionAsync(rows[0].Email))?.Reason);
    }

    [Fact]
    public async Task Record_ArfComplaint_SuppressesTheRecipientOfTheReturnPath()
    {
        var (_, rows) = await SendToAsync(1, "arf");

        await _factory.RecordSampleAsync("arf-complaint.eml", _factory.ReturnPath(ReturnPathKind.NewsletterRecipient,
            rows[0].Id));

        Assert.Equal(SuppressionReason.Complaint, (await SuppressionAsync(rows[0].Email))?.Reason);
    }

    [Fact]
    public async Task Record_MailToUnsubscribeAddress_UnsubscribesTheContact()
    {
        var (_, rows) = await SendToAsync(1, "mailto");

        await _factory.RecordSampleAsync("unsubscribe-mail.eml",
            _factory.ReturnPath(ReturnPathKind.Unsubscribe, rows[0].ContactId));

        var contact = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking()
            .SingleAsync(c => c.Id == rows[0].ContactId));
        Assert.NotNull(contact.UnsubscribedAt);
    }

    [Theory]
    [InlineData("forged-bounce.eml", null)]
    [InlineData("malformed.eml", null)]
    [InlineData("postfix-hard-bounce.eml", "unknown")]
    [InlineData("postfix-hard-bounce.eml", "bounces@mail.test")]
    public async Task Record_ForgedMalformedOrUnknown_ListedAndNothingSuppressed(string file, string? returnPath)
    {
        var (_, rows) = await SendToAsync(1, "bad");
        var path = returnPath == "unknown" ? _factory.ReturnPath(ReturnPathKind.NewsletterRecipient, rows[0].Id
            + 1_000_000) : returnPath;

        var what = await _factory.RecordSampleAsync(file, path, uid: 42);

        Assert.StartsWith("listed", what);
        var (suppressed, unparsed) = await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.SuppressedAddresses.CountAsync(), await db.UnparsedMailMessages.CountAsync(m =>
                m.Uid == 42));
        });
        Assert.Equal((0, 1), (suppressed, unparsed));
    }

    [Fact]
    public async Task SuppressionApi_AddSearchRemove_AuditedAndBadInputRefused()
    {
        var client = await _factory.SignedInClientAsync(Roles.Staff);
        var email = $"Person-{Guid.NewGuid():N}@Example.org";

        var added = await client.PostAsJsonAsync("/api/suppressions", new { email, note = "asked by phone" });
        var again = await client.PostAsJsonAsync("/api/suppressions", new { email, note = "twice" });
        var invalid = await client.PostAsJsonAsync("/api/suppressions", new { email = "not an address", note = "" });
        var found = await client.GetFromJsonAsync<List<SuppressionView>>("/api/suppressions?search=person-");
        var removed = await client.DeleteAsync($"/api/suppressions/{Uri.EscapeDataString(email)}");
        var removedAgain = await client.DeleteAsync($"/api/suppressions/{Uri.EscapeDataString(email)}");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(email.ToLowerInvariant(), Assert.Single(found!).Email);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        var normalised = email.ToLowerInvariant();
        var actions = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.Where(a => a.TargetId == normalised).Select(a => a.Action).ToListAsync());
        Assert.Equal(["suppression.added", "suppression.removed"], actions.Order().ToList());
        var external = await _factory.SignedInClientAsync(Roles.External);
        Assert.NotEqual(HttpStatusCode.OK, (await external.GetAsync("/api/suppressions")).StatusCode);
    }

    [Fact]
    public async Task Schedule_SuppressedContact_CountedAsSuppressedNeverSentButStaffMailStillGoes()
    {
        var emails = await _factory.AddContactsAsync(Audience.Customers, 3, "supp");
        await _factory.WithScopeAsync(sp => sp.GetRequiredService<SuppressionList>()
            .AddAsync(new SuppressionInput(emails[0], "test"), null));
        var draft = await _factory.WithScopeAsync(sp => sp.GetRequiredService<NewsletterCampaigns>()
            .CreateAsync(new CampaignInput("Suppressed count", CampaignAudience.Customers, "", "Hello", null), null));

        var preview = await _factory.WithScopeAsync(sp => sp.GetRequiredService<NewsletterRecipientCount>()
            .PreviewAsync(draft.Value!.Id));
        await _factory.WithScopeAsync(sp => sp.GetRequiredService<NewsletterSending>()
            .ScheduleAsync(draft.Value!.Id, null));
        await _factory.Services.GetRequiredService<NewsletterSender>().RunOnceAsync();
        await _factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Outbox>().EnqueueAsync(new OutgoingEmail(emails[0], null, "Your task is due",
                "text"), "reminder");
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });
        await _factory.Services.GetRequiredService<OutboxSender>().ProcessDueAsync();

        var count = Assert.Single(preview.Value!.Counts);
        Assert.Equal((2, 1), (count.Recipients, count.Suppressed));
        var progress = await _factory.ProgressAsync(draft.Value!.Id);
        Assert.Equal((2, 2, 1), (progress.Total, progress.Sent, progress.Suppressed));
        Assert.DoesNotContain(_smtp.Messages, m => m.Subject == "Suppressed count"
            && m.To.Mailboxes.Any(a => a.Address == emails[0]));
        Assert.Contains(_smtp.Messages, m => m.Subject == "Your task is due"
            && m.To.Mailboxes.Any(a => a.Address == emails[0]));
    }

    [Fact]
    public async Task DkimCreate_SignedNewsletterAndOutboxMail_VerifiedByPythonDkim()
    {
        using var probe = File.Exists("/usr/bin/python3") ? Process.Start(
            new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", "import dkim" } }) : null;
        if (probe is not null)
        {
            // A loaded machine can take a while to start the interpreter.
            await probe.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        if (probe is null || probe.ExitCode != 0)
        {
            Assert.Fail("python3-dkim (Debian) is needed to verify DKIM signatures: apt-get install python3-dkim");
        }
        var keyPath = Path.Combine(_keyDir, "liftoff1.mail.test.pem");
        var output = new StringWriter();
        Assert.Equal(0, DkimCommand.Create("mail.test", "liftoff1", ["--out", keyPath], output, new StringWriter()));
        var txt = System.Text.RegularExpressions.Regex.Match(output.ToString(),
            "\"(v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+)\"").Groups[1].Value;
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }
        await _factory.DisposeAsync();
        _factory = new DeliverabilityFactory(_smtp.Port, keyPath);
        var (campaignId, rows) = await SendToAsync(1, "dkim");
        var newsletter = await _smtp.WaitForMessageAsync(m =>
            m.MessageId == $"newsletter-{campaignId}-{rows[0].Id}@liftoff");

        Assert.Contains("h=From:To:Subject:Date:Message-ID:List-Unsubscribe:List-Unsubscribe-Post",
            System.Text.RegularExpressions.Regex.Replace(newsletter.Headers["DKIM-Signature"]!, @"\s", ""),
                StringComparison.OrdinalIgnoreCase);
        Assert.True(await PythonDkimVerifiesAsync(newsletter, txt), "python3-dkim rejected the newsletter's signature");
        var tampered = await MimeMessage.LoadAsync(new MemoryStream(
            System.Text.Encoding.UTF8.GetBytes(newsletter.ToString()
                .Replace("Release 5.2 is coming", "Release 9.9 is coming",
                StringComparison.Ordinal))));
        Assert.False(await PythonDkimVerifiesAsync(tampered, txt), "a changed subject must not verify");
    }

    /// <summary>Debian's python3-dkim, given the public key directly instead of DNS.</summary>
    private async Task<bool> PythonDkimVerifiesAsync(MimeMessage message, string txt)
    {
        var file = Path.Combine(_keyDir, $"{Guid.NewGuid():N}.eml");
        await using (var stream = File.Create(file))
        {
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            await message.WriteToAsync(format, stream);
        }
        var script = "import sys, dkim; m = open(sys.argv[1], 'rb').read(); "
            + "sys.exit(0 if dkim.verify(m, dnsfunc=lambda name, timeout=5: sys.argv[2].encode()) else 1)";
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-c", script,
            file, txt },
            RedirectStandardError = true
        })!;
        await process.WaitForExitAsync();
        return process.ExitCode == 0;
    }
}

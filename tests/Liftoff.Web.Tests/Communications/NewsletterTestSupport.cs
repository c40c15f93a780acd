using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Communications;

/// <summary>The app sending to a real SMTP server on loopback.</summary>
public class NewsletterFactory(int smtpPort) : LiftoffFactory
{
    public const int Connections = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", smtpPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Email:SmtpSecurity", "None");
        builder.UseSetting("Newsletter:RunInBackground", "false");
        builder.UseSetting("Newsletter:Connections", Connections.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Newsletter:BatchSize", "7");
        builder.UseSetting("Newsletter:RetryDelay", "00:00:00");
        builder.UseSetting("Newsletter:PublicBaseUrl", "http://liftoff.test");
    }

    /// <summary>Adds contacts with consent to the audience; returns their addresses.</summary>
    public async Task<List<string>> AddContactsAsync(Audience audience, int count, string tag, bool consent = true) =>
        await WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var list = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var email = $"{tag}-{i}-{Guid.NewGuid():N}@test.example";
                db.Contacts.Add(new Contact
                {
                    Email = email,
                    NormalizedEmail = email,
                    Name = $"{tag} {i}",
                    Audience = audience,
                    Consent = consent,
                    CreatedAt = DateTimeOffset.UtcNow
                });
                list.Add(email);
            }
            await db.SaveChangesAsync();
            return list;
        });

    public async Task<int> CreateScheduledCampaignAsync(CampaignAudience audience, int? releaseId = null,
        string subject = "Release 5.2 is coming") =>
        await WithScopeAsync(async sp =>
        {
            var campaigns = sp.GetRequiredService<NewsletterCampaigns>();
            var sending = sp.GetRequiredService<NewsletterSending>();
            var created = await campaigns.CreateAsync(new CampaignInput(subject, audience,
                "**Resellers**: new reporting <script>alert(1)</script><iframe src=\"https://evil.example\"></iframe>",
                    "**Customers**: faster exports", releaseId), null);
            Assert.True(created.IsOk, created.Message);
            var scheduled = await sending.ScheduleAsync(created.Value!.Id, null);
            Assert.True(scheduled.IsOk, scheduled.Message);
            Assert.Empty(scheduled.Value!);
            return created.Value.Id;
        });

    public Task<CampaignProgress> ProgressAsync(int campaignId) =>
        WithScopeAsync(async sp => (await sp.GetRequiredService<NewsletterFollowUp>()
            .ProgressAsync(campaignId))!);

    public async Task<int> CreateOrganisationContactAsync(OrganisationKind kind, string email) =>
        await WithScopeAsync(async sp =>
        {
            var orgId = await CreateOrganisationAsync(kind: kind);
            var outcome = await sp.GetRequiredService<ContactAdministration>()
                .AddAsync(new ContactInput(email, "Org contact", orgId, null, true));
            Assert.True(outcome.IsOk, outcome.Message);
            return outcome.Value!.Id;
        });
}

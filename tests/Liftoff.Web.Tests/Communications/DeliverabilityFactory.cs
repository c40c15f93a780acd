using Liftoff.Data;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Liftoff.Web.Tests.Communications;

/// <summary>Newsletter sending with return paths, a DKIM key and the bounce recorder.</summary>
public class DeliverabilityFactory(int smtpPort, string? dkimKeyPath = null) : NewsletterFactory(smtpPort)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Bounces:ReturnPathAddress", "bounces@mail.test");
        builder.UseSetting("Bounces:RunInBackground", "false");
        if (dkimKeyPath is not null)
        {
            builder.UseSetting("Email:Dkim:Domain", "mail.test");
            builder.UseSetting("Email:Dkim:Selector", "liftoff1");
            builder.UseSetting("Email:Dkim:PrivateKeyPath", dkimKeyPath);
        }
    }

    /// <summary>Loads a sample from Samples/, addressed to the given return path, and records it as the mailbox reader
    /// would.</summary>
    public async Task<string> RecordSampleAsync(string file, string? returnPath, long uid = 1) =>
        await WithScopeAsync(async sp =>
        {
            var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Communications", "Samples",
                file));
            if (returnPath is not null)
            {
                text = text.Replace("{RETURN_PATH}", returnPath, StringComparison.Ordinal);
            }
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")
                .Replace("\n", "\r\n")));
            var message = await MimeMessage.LoadAsync(stream);
            var db = sp.GetRequiredService<AppDbContext>();
            var what = await ActivatorUtilities.CreateInstance<BounceRecorder>(sp, db)
                .RecordAsync(message, uid, CancellationToken.None);
            await db.SaveChangesAsync();
            return what;
        });

    public string ReturnPath(ReturnPathKind kind, long id) => Services.GetRequiredService<ReturnPaths>()
        .Address(kind, id);
}

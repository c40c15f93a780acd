using System.Globalization;
using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Markdown;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.ReleaseNotes;

/// <summary>
/// Emails the internal and the customer-facing notes to the customer teams' internal distribution
/// list through the outbox, once per version of the notes (a double click sends once), and completes
/// the release's share task. The list is internal, so the internal notes may go there.
/// </summary>
public sealed class CustomerTeamsShare(AppDbContext db, ReleaseNotesEditing notes, Outbox outbox,
    PlanTaskCompletion tasks, AuditLog audit, IOptions<CustomerTeamsOptions> options, MarkdownRenderer markdown)
{
    /// <summary>Ok(true) when queued now, Ok(false) when this version was already shared.</summary>
    public async Task<Outcome<bool>> ShareAsync(int releaseId, string? userId, CancellationToken ct = default)
    {
        var address = options.Value.CustomerTeamsAddress;
        if (string.IsNullOrWhiteSpace(address))
        {
            return Outcome<bool>.Invalid("",
                "Nothing was sent: no address for the customer teams is set up yet. Ask an administrator to set it " +
                    "in the app's settings (see the README, Configuration).");
        }
        var view = await notes.GetAsync(releaseId, ct);
        if (view is null)
        {
            return Outcome<bool>.NotFound();
        }
        if (view.Items.Count == 0 && string.IsNullOrWhiteSpace(view.CustomerMarkdown))
        {
            return Outcome<bool>.Invalid("", "These notes are empty; write them before sharing.");
        }
        var status = view.Approved ? "approved by both leads" : "NOT yet approved by both leads";
        var text = $"""
            Release notes for {view.ReleaseTitle}

            INTERNAL NOTES (internal use only; do not forward outside the company)

            {ReleaseNotesText.Internal(view.Items)}

            CUSTOMER-FACING NOTES ({status})

            {view.CustomerText}
            """;
        var html = $"<h1>Release notes for {System.Net.WebUtility.HtmlEncode(view.ReleaseTitle)}</h1>"
            + "<h2>Internal notes (internal use only; do not forward outside the company)</h2>"
                + markdown.ToSafeHtml(ReleaseNotesText.Internal(view.Items))
            + $"<h2>Customer-facing notes ({status})</h2>" + markdown.ToSafeHtml(view.CustomerText);
        var key = $"customer-teams-share:{releaseId}:{view.RowVersion}";
        var queued = await outbox.EnqueueAsync(new OutgoingEmail(address, "Customer teams",
            $"Release notes: {view.ReleaseTitle}", text, html), "release-notes.share", key, ct);
        if (!queued)
        {
            return Outcome<bool>.Ok(false);
        }
        audit.Add("release-notes.shared", "Release", releaseId.ToString(CultureInfo.InvariantCulture),
            $"internal and customer-facing notes (version {view.RowVersion}) to {address}");
        await tasks.CompleteAsync(releaseId, DefaultPlaybook.CustomerTeamsShare, userId,
            "release notes shared with the customer teams", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Outbox.AnyAsync(m => m.DeduplicationKey == key, ct))
            {
                // A second click raced this one to the unique key; that one sends.
                return Outcome<bool>.Ok(false);
            }
            throw;
        }
        return Outcome<bool>.Ok(true);
    }
}

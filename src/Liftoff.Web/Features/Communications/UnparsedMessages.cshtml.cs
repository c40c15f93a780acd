using Liftoff.Data;
using Liftoff.Data.Communications;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

/// <summary>
/// Messages of the bounce mailbox that were not understood (staff only): kept in the mailbox's unparsed
/// folder and listed here with the start of the raw message, shown as text.
/// </summary>
public sealed class UnparsedMessagesModel(AppDbContext db) : PageModel
{
    public const int Shown = 200;

    public IReadOnlyList<UnparsedMailMessage> Messages { get; private set; } = [];

    public int Total { get; private set; }

    public MailboxCursor? Mailbox { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Total = await db.UnparsedMailMessages.CountAsync(ct);
        Messages = await db.UnparsedMailMessages.AsNoTracking()
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Take(Shown).ToListAsync(ct);
        Mailbox = await db.MailboxCursors.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Mailbox == BounceMailboxReader.MailboxName, ct);
    }
}

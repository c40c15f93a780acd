using System.Text;
using System.Text.Encodings.Web;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>Check a draft before it goes out: findings are highlighted in place; a lead may let one through with a
/// reason.</summary>
public sealed class IndexModel(DisclosureService guard, OverrideRequests requests, AppDbContext db) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int? AudienceOrganisationId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public DisclosureCheckResult? Result { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Organisations { get; private set; } = [];

    public bool IsLead => User.IsInRole(Roles.Lead) || User.IsInRole(Roles.Admin);

    public async Task OnGetAsync() =>
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name })
            .ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();

    public async Task<IActionResult> OnPostAsync()
    {
        Result = await guard.CheckAsync(Text ?? "", AudienceOrganisationId, HttpContext.RequestAborted);
        if (Request.Headers.ContainsKey("HX-Request"))
        {
            return Partial("_CheckResult", this);
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostOverrideAsync(int start, int length)
    {
        if (!IsLead)
        {
            return Forbid();
        }
        var outcome = await guard.OverrideAsync(Text ?? "", AudienceOrganisationId, start, length, Reason,
            User.UserId(), HttpContext.RequestAborted);
        outcome.CopyTo(ModelState);
        Result = outcome.Value ?? await guard.CheckAsync(Text ?? "", AudienceOrganisationId,
            HttpContext.RequestAborted);
        await OnGetAsync();
        return Page();
    }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnPostAskOverrideAsync(int start, int length)
    {
        var outcome = await requests.AskAsync(new OverrideAsk(Text ?? "", AudienceOrganisationId, start, length,
            Reason, "/Disclosure",
            "A text checked on the disclosure page"), User.UserId(), HttpContext.RequestAborted);
        // After asking, the message alone: the findings stay blocked until a lead decides.
        if (outcome.IsOk)
        {
            Message = AskedMessage;
        }
        else
        {
            outcome.CopyTo(ModelState);
            Result = await guard.CheckAsync(Text ?? "", AudienceOrganisationId, HttpContext.RequestAborted);
        }
        await OnGetAsync();
        return Page();
    }

    private const string AskedMessage = OverrideRequests.AskedMessage
        + " Once allowed, this exact text passes the check.";

    /// <summary>The text, HTML-encoded, with each finding wrapped in a mark element.</summary>
    public IHtmlContent MarkedText()
    {
        var html = new StringBuilder();
        foreach (var (piece, finding) in Segments())
        {
            var encoded = HtmlEncoder.Default.Encode(piece);
            html.Append(finding is null ? encoded
                : $"<mark title=\"{HtmlEncoder.Default.Encode(finding.Reason)}\">{encoded}</mark>");
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>The text cut into plain and flagged pieces for display.</summary>
    public IEnumerable<(string Piece, FindingView? Finding)> Segments()
    {
        var text = Text ?? "";
        var pos = 0;
        foreach (var f in (Result?.Findings ?? []).OrderBy(f => f.Start))
        {
            if (f.Start < pos || f.Start + f.Length > text.Length)
            {
                continue;
            }
            yield return (text[pos..f.Start], null);
            yield return (text.Substring(f.Start, f.Length), f);
            pos = f.Start + f.Length;
        }
        yield return (text[pos..], null);
    }
}

using System.ComponentModel.DataAnnotations;
using Liftoff.Data;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Account;

public sealed class TokensModel(AppDbContext db, ApiTokenService tokens, AuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TokenView> Tokens { get; private set; } = [];

    [BindProperty, Display(Name = "Token name")]
    public string? Name { get; set; }

    /// <summary>"read-write" or "read-only".</summary>
    [BindProperty, Display(Name = "Scope")]
    public string? Scope { get; set; } = "read-write";

    /// <summary>Optional expiry date, yyyy-mm-dd (a date input).</summary>
    [BindProperty, Display(Name = "Expires on (optional)")]
    public string? Expires { get; set; }

    public string? NewToken { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task OnGetAsync() =>
        Tokens = await AccountApi.ListTokensAsync(db, User.UserId(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await AccountApi.CreateTokenAsync(tokens, audit, User.UserId(),
            new TokenRequest(Name, Scope, Expires), HttpContext.RequestAborted);
        if (outcome.Value is { } created)
        {
            NewToken = created.Token;
            ModelState.Clear();
            (Name, Scope, Expires) = (null, "read-write", null);
        }
        else
        {
            ModelState.Clear();
            outcome.CopyTo(ModelState);
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        await AccountApi.RevokeAsync(db, audit, clock, User.UserId(), id, HttpContext.RequestAborted);
        return RedirectToPage();
    }
}

using System.ComponentModel.DataAnnotations;
using Liftoff.Data;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Account;

public sealed class TokensModel(AppDbContext db, ApiTokenService tokens, AuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TokenView> Tokens { get; private set; } = [];

    [BindProperty, Required, StringLength(100, MinimumLength = 1), Display(Name = "Token name")]
    public string Name { get; set; } = "";

    public string? NewToken { get; private set; }

    public async Task OnGetAsync() => Tokens = await AccountApi.ListTokensAsync(db, AccountApi.UserId(User), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var created = await tokens.CreateAsync(AccountApi.UserId(User), Name);
            await audit.WriteAsync("token.created", "token", created.Id.ToString(), created.Name);
            NewToken = created.Token;
            Name = "";
            ModelState.Clear();
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        await AccountApi.RevokeAsync(db, audit, clock, AccountApi.UserId(User), id, HttpContext.RequestAborted);
        return RedirectToPage();
    }
}

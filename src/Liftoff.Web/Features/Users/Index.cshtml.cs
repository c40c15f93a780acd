using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Users;

public sealed class IndexModel(UserAdministration admin, AppDbContext db, PublicLinks links) : PageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public IReadOnlyList<OrganisationEntity> Organisations { get; private set; } = [];

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = Roles.Staff;

    [BindProperty]
    public int? OrganisationId { get; set; }

    public CreatedUser? Created { get; private set; }

    public string? InvitationLink { get; private set; }

    public async Task OnGetAsync()
    {
        Users = await admin.ListAsync();
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await admin.CreateAsync(new NewUser(Email, DisplayName, Role, OrganisationId));
        if (outcome.IsOk)
        {
            Created = outcome.Value;
            var path = Url.Page("/Account/AcceptInvite",
                new { userId = Created!.User.Id, code = Created.InvitationToken });
            InvitationLink = links.To(path!);
            Email = DisplayName = "";
            ModelState.Clear();
        }
        else
        {
            outcome.CopyTo(ModelState);
        }
        await OnGetAsync();
        return Page();
    }
}

using Liftoff.Data;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Portal;

/// <summary>The only area External users see: nothing here may come from the roadmap.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public string? OrganisationName { get; private set; }

    public async Task OnGetAsync()
    {
        var id = User.UserId();
        var me = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.DisplayName, Organisation = u.Organisation!.Name }).FirstOrDefaultAsync();
        DisplayName = me?.DisplayName ?? "";
        OrganisationName = me?.Organisation;
    }
}

using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.ProductAreas;

public sealed record AreaView(int Id, string Name, int Requests);

/// <summary>Product areas (the tabs of the old backlog sheet, e.g. "Wizard"): unique names,
/// case-insensitively.</summary>
public sealed class AreasAdministration(AppDbContext db, AuditLog audit)
{
    public const int MaxNameLength = 100;

    public async Task<IReadOnlyList<AreaView>> ListAsync(CancellationToken ct = default) =>
        await db.ProductAreas.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AreaView(a.Id, a.Name, db.FeatureRequests.Count(r => r.AreaId == a.Id))).ToListAsync(ct);

    public async Task<Outcome<AreaView>> CreateAsync(string? name, CancellationToken ct = default)
    {
        var (clean, error) = await CheckNameAsync(name, null, ct);
        if (error is not null)
        {
            return Outcome<AreaView>.Invalid("Name", error);
        }
        var area = new ProductArea { Name = clean! };
        db.ProductAreas.Add(area);
        await db.SaveChangesAsync(ct);
        audit.Add("area.created", "ProductArea", area.Id.ToString(CultureInfo.InvariantCulture), area.Name);
        await db.SaveChangesAsync(ct);
        return Outcome<AreaView>.Ok(new AreaView(area.Id, area.Name, 0));
    }

    public async Task<Outcome<AreaView>> RenameAsync(int id, string? name, CancellationToken ct = default)
    {
        var area = await db.ProductAreas.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return Outcome<AreaView>.NotFound();
        }
        var (clean, error) = await CheckNameAsync(name, id, ct);
        if (error is not null)
        {
            return Outcome<AreaView>.Invalid("Name", error);
        }
        audit.Add("area.renamed", "ProductArea", id.ToString(CultureInfo.InvariantCulture), $"{area.Name} → {clean}");
        area.Name = clean!;
        await db.SaveChangesAsync(ct);
        return Outcome<AreaView>.Ok(new AreaView(id, area.Name,
            await db.FeatureRequests.CountAsync(r => r.AreaId == id, ct)));
    }

    /// <summary>Trims and collapses spaces; refuses empty, overlong and taken names (any case).</summary>
    public static string CleanName(string? name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<(string? Name, string? Error)> CheckNameAsync(string? name, int? exceptId, CancellationToken ct)
    {
        var clean = CleanName(name);
        if (clean.Length == 0)
        {
            return (null, "Give the area a name, e.g. Wizard.");
        }
        if (clean.Length > MaxNameLength)
        {
            return (null, $"An area name has at most {MaxNameLength} characters.");
        }
        var names = await db.ProductAreas.Where(a => a.Id != exceptId).Select(a => a.Name).ToListAsync(ct);
        if (names.Any(n => string.Equals(n, clean, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, $"There is already an area named {clean}.");
        }
        return (clean, null);
    }
}

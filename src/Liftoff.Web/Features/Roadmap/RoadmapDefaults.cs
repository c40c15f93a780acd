using Liftoff.Data;
using Liftoff.Data.Roadmap;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Roadmap;

/// <summary>Every workspace starts with the two roadmap pages and the two formulations leads agreed on.</summary>
public sealed class RoadmapDefaults(AppDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> SeedPhrasings =
    [
        "This new feature is currently in active development.",
        "Release of this new feature likely will happen within this year.",
    ];

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        if (!await db.RoadmapPages.AnyAsync(ct))
        {
            db.RoadmapPages.AddRange(
                new RoadmapPage { Key = "hardware", Title = "Hardware roadmap", Position = 1 },
                new RoadmapPage { Key = "next-software-release", Title = "Next software release", Position = 2 });
        }
        if (!await db.ApprovedPhrasings.AnyAsync(ct))
        {
            foreach (var text in SeedPhrasings)
            {
                db.ApprovedPhrasings.Add(new ApprovedPhrasing { Text = text, CreatedAt = clock.GetUtcNow() });
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created them at the same moment.
            db.ChangeTracker.Clear();
        }
    }
}

using Liftoff.Data;
using Liftoff.Web.Features.Roadmap;
using Liftoff.Web.Infrastructure.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Infrastructure.Database;

/// <summary>Applies migrations and creates the demo workspace on an empty database.</summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    DemoSeeder seeder,
    RoadmapDefaults roadmapDefaults,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}", pending.Count, options.Value.Provider);
        }
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Runs the start-up steps the configuration asks for.</summary>
    public async Task InitializeOnStartAsync(CancellationToken ct = default)
    {
        if (options.Value.ShouldMigrateOnStart)
        {
            await MigrateAsync(ct);
        }
        if (options.Value.ShouldMigrateOnStart || !(await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await roadmapDefaults.EnsureAsync(ct);
        }
        if (options.Value.SeedDemoOnEmpty)
        {
            var result = await seeder.SeedIfEmptyAsync(ct);
            if (result is not null)
            {
                DemoSeeder.PrintCredentials(result, Console.Out);
            }
        }
    }
}

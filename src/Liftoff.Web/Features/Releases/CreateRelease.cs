using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Releases;

/// <summary>Plans a new release: its tasks come from the chosen playbook (or the product's default one).</summary>
public sealed class CreateRelease(
    AppDbContext db,
    AuditLog audit,
    ReleaseChanges changes,
    PlaybookLibrary playbooks,
    TimeProvider clock)
{
    public async Task<Outcome<ReleaseView>> CreateAsync(ReleaseInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var product = ReleaseFields.ParseProduct(input.Product, errors);
        var date = ReleaseFields.ParseDate(input.PlannedDate, "PlannedDate", errors);
        var version = input.Version?.Trim() ?? "";
        ReleaseFields.CheckVersion(version, errors);
        ReleaseFields.CheckText(input, errors);
        if (errors.Count > 0)
        {
            return Outcome<ReleaseView>.Invalid(errors);
        }
        if (date < changes.Today)
        {
            return Outcome<ReleaseView>.Invalid("PlannedDate", $"The planned date {date:yyyy-MM-dd} is in the past.");
        }
        if (await db.Releases.AnyAsync(r => r.Product == product && r.Version == version, ct))
        {
            return Outcome<ReleaseView>.Invalid("Version", ReleaseFields.VersionTaken(product, version));
        }
        var playbook = input.PlaybookId is not null
            ? await changes.PlaybookAsync(input.PlaybookId, ct)
            : await playbooks.DefaultForAsync(product, ct);
        if (playbook is null)
        {
            return Outcome<ReleaseView>.Invalid("PlaybookId", "The chosen playbook does not exist.");
        }

        var release = new ReleaseEntity
        {
            Product = product,
            Version = version,
            Name = input.Name?.Trim() ?? "",
            PlannedDate = date,
            SignificantChanges = input.SignificantChanges,
            Status = ReleaseStatus.Planned,
            ContentSummary = input.ContentSummary?.Trim() ?? "",
            PlaybookId = playbook.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        var tasks = RolloutScheduler.Instantiate(RolloutMapping.ToDomain(release), PlaybookMapping.ToDomain(playbook),
            await changes.CalendarAsync(ct));
        if (!tasks.IsOk)
        {
            return Outcome<ReleaseView>.Invalid(ReleaseFields.ToDictionary(tasks.Errors));
        }
        foreach (var task in tasks.Value)
        {
            release.Tasks.Add(await changes.NewTaskAsync(task, ct));
        }
        db.Releases.Add(release);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("release.created", "release", release.Id.ToString(CultureInfo.InvariantCulture),
            $"{product} {version} planned for {date:yyyy-MM-dd} with {tasks.Value.Count} tasks " +
            $"from playbook '{playbook.Name}'", ct: ct);
        return Outcome<ReleaseView>.Ok(await changes.ViewAsync(release.Id, ct));
    }
}

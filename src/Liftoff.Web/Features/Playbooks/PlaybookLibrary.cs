using System.Globalization;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Playbooks;

/// <summary>
/// The playbooks new releases are planned from. Saving a playbook never touches releases already
/// planned; applying the playbook to a release does that on request.
/// </summary>
public sealed partial class PlaybookLibrary(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlaybookSummary>> ListAsync(CancellationToken ct = default)
    {
        await EnsureDefaultAsync(ct);
        return await db.Playbooks.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PlaybookSummary(p.Id, p.Key, p.Name, p.DefaultFor == null ? null : p.DefaultFor.ToString(),
                p.Steps.Count))
            .ToListAsync(ct);
    }

    public async Task<PlaybookView?> GetAsync(int id, CancellationToken ct = default)
    {
        var p = await db.Playbooks.AsNoTracking().Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? null : ToView(p);
    }

    /// <summary>
    /// Planned and in-progress releases planned from the playbook: the ones an edit does not reach until applied.
    /// </summary>
    public async Task<IReadOnlyList<RunningRelease>> RunningReleasesAsync(int playbookId,
        CancellationToken ct = default) =>
        (await db.Releases.AsNoTracking()
            .Where(r => r.PlaybookId == playbookId &&
                (r.Status == ReleaseStatus.Planned || r.Status == ReleaseStatus.InProgress))
            .OrderBy(r => r.PlannedDate)
            .Select(r => new { r.Id, r.Name, r.Product, r.Version, r.PlannedDate, r.RowVersion })
            .ToListAsync(ct))
        .Select(r => new RunningRelease(r.Id, ReleaseNames.Display(r.Product, r.Version, r.Name), r.PlannedDate,
            r.RowVersion))
        .ToList();

    /// <summary>
    /// The playbook a new release of this product gets: the one marked default for it, else the seeded default.
    /// </summary>
    public async Task<PlaybookEntity?> DefaultForAsync(ProductKind product, CancellationToken ct = default)
    {
        await EnsureDefaultAsync(ct);
        var withSteps = db.Playbooks.AsNoTracking().Include(p => p.Steps);
        return await withSteps.Where(p => p.DefaultFor == product).OrderBy(p => p.Id).FirstOrDefaultAsync(ct)
            ?? await withSteps.Where(p => p.Key == DefaultPlaybook.Create().Key).FirstOrDefaultAsync(ct)
            ?? await db.Playbooks.AsNoTracking().Include(p => p.Steps).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Seeds the written process as a playbook (default for software unless another is) when it is missing.
    /// </summary>
    public async Task EnsureDefaultAsync(CancellationToken ct = default)
    {
        var seed = DefaultPlaybook.Create();
        if (await db.Playbooks.AnyAsync(p => p.Key == seed.Key, ct))
        {
            return;
        }
        var otherDefault = await db.Playbooks.AnyAsync(p => p.DefaultFor == ProductKind.Software, ct);
        db.Playbooks.Add(new PlaybookEntity
        {
            Key = seed.Key,
            Name = seed.Name,
            DefaultFor = otherDefault ? null : ProductKind.Software,
            Steps = PlaybookMapping.ToEntities(seed.Steps),
            UpdatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request seeded it at the same moment (unique key); theirs is as good.
            db.ChangeTracker.Clear();
        }
    }

    public async Task<Outcome<PlaybookView>> CreateAsync(PlaybookInput input, CancellationToken ct = default)
    {
        var parsed = Parse(input);
        if (!parsed.IsOk)
        {
            return Outcome<PlaybookView>.Invalid(parsed.Errors);
        }
        var (playbook, defaultFor) = parsed.Value;
        if (await db.Playbooks.AnyAsync(p => p.Key == playbook.Key, ct))
        {
            return Outcome<PlaybookView>.Invalid("Key", $"A playbook with the key '{playbook.Key}' already exists.");
        }
        var entity = new PlaybookEntity
        {
            Key = playbook.Key,
            Name = playbook.Name,
            DefaultFor = defaultFor,
            Steps = PlaybookMapping.ToEntities(playbook.Steps),
            UpdatedAt = clock.GetUtcNow(),
        };
        await ClearDefaultAsync(defaultFor, null, ct);
        db.Playbooks.Add(entity);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("playbook.created", "playbook", entity.Id.ToString(CultureInfo.InvariantCulture),
            $"{entity.Name} ({entity.Steps.Count} steps)", ct: ct);
        return Outcome<PlaybookView>.Ok((await GetAsync(entity.Id, ct))!);
    }

    public async Task<Outcome<PlaybookView>> UpdateAsync(int id, PlaybookInput input, CancellationToken ct = default)
    {
        var entity = await db.Playbooks.Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entity is null)
        {
            return Outcome<PlaybookView>.NotFound();
        }
        if (input.RowVersion is { } v && v != entity.RowVersion)
        {
            return Outcome<PlaybookView>.Conflict("Someone else changed this playbook meanwhile " +
                $"(now version {entity.RowVersion}, {entity.Steps.Count} steps). Reload and apply your change again.");
        }
        var parsed = Parse(input with { Key = entity.Key });
        if (!parsed.IsOk)
        {
            return Outcome<PlaybookView>.Invalid(parsed.Errors);
        }
        var (playbook, defaultFor) = parsed.Value;
        entity.Name = playbook.Name;
        entity.DefaultFor = defaultFor;
        entity.UpdatedAt = clock.GetUtcNow();
        await ClearDefaultAsync(defaultFor, id, ct);
        audit.Add("playbook.updated", "playbook", id.ToString(CultureInfo.InvariantCulture),
            $"{entity.Name} ({playbook.Steps.Count} steps); running releases unchanged until applied");
        try
        {
            // Steps are replaced whole: old ones go first so the (playbook, key) index never sees two.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.RemoveRange(entity.Steps);
            await db.SaveChangesAsync(ct);
            foreach (var step in PlaybookMapping.ToEntities(playbook.Steps))
            {
                step.PlaybookId = id;
                db.Add(step);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<PlaybookView>.Conflict(
                "Someone else changed this playbook meanwhile. Reload and apply your change again.");
        }
        return Outcome<PlaybookView>.Ok((await GetAsync(id, ct))!);
    }

    private async Task ClearDefaultAsync(ProductKind? defaultFor, int? except, CancellationToken ct)
    {
        if (defaultFor is null)
        {
            return;
        }
        foreach (var other in await db.Playbooks.Where(p => p.DefaultFor == defaultFor && p.Id != except)
            .ToListAsync(ct))
        {
            other.DefaultFor = null;
        }
    }

    /// <summary>Turns input into a domain playbook and runs the PlaybookValidator over it.</summary>
    public static Outcome<(Playbook Playbook, ProductKind? DefaultFor)> Parse(PlaybookInput input)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }

        var key = input.Key?.Trim() ?? "";
        if (key.Length == 0 && !string.IsNullOrWhiteSpace(input.Name))
        {
            key = SlugPattern().Replace(input.Name.Trim().ToLowerInvariant(), "-").Trim('-');
        }
        if (!KeyPattern().IsMatch(key))
        {
            Add("Key", "The key may contain lower-case letters, digits and hyphens only (at most 60).");
        }
        ProductKind? defaultFor = null;
        if (!string.IsNullOrWhiteSpace(input.DefaultFor))
        {
            if (Enum.TryParse<ProductKind>(input.DefaultFor.Trim(), true, out var kind) && Enum.IsDefined(kind) &&
                !int.TryParse(input.DefaultFor, out _))
            {
                defaultFor = kind;
            }
            else
            {
                Add("DefaultFor", "Default for must be empty, 'software' or 'hardware'.");
            }
        }
        var steps = new List<PlaybookStep>();
        var inputs = input.Steps ?? [];
        for (var i = 0; i < inputs.Count; i++)
        {
            var s = inputs[i];
            var field = $"Steps[{i}]";
            OffsetUnit unit = OffsetUnit.Days;
            if (!string.IsNullOrWhiteSpace(s.OffsetUnit) && !(Enum.TryParse(s.OffsetUnit.Trim(), true, out unit) &&
                Enum.IsDefined(unit) && !int.TryParse(s.OffsetUnit, out _)))
            {
                Add($"{field}.OffsetUnit", "The offset unit must be 'days' or 'weeks'.");
            }
            StepCondition? condition = null;
            if (!string.IsNullOrWhiteSpace(s.ConditionField))
            {
                if (Enum.TryParse<ReleaseField>(s.ConditionField.Trim(), true, out var rf) && Enum.IsDefined(rf) &&
                    !int.TryParse(s.ConditionField, out _))
                {
                    condition = new StepCondition(rf, s.ConditionValue?.Trim() ?? "");
                }
                else
                {
                    Add($"{field}.Condition",
                        $"Conditions may test: {string.Join(", ", Enum.GetNames<ReleaseField>())}.");
                }
            }
            var owners = new List<StepOwner>();
            foreach (var o in s.Owners ?? [])
            {
                var text = o.Trim();
                if (text.StartsWith("lead:", StringComparison.Ordinal) && text.Length > 5)
                {
                    owners.Add(StepOwner.LeadOf(text[5..].Trim()));
                }
                else if (text.StartsWith("team:", StringComparison.Ordinal) && text.Length > 5)
                {
                    owners.Add(StepOwner.Team(text[5..].Trim()));
                }
                else if (text.Length > 0)
                {
                    Add($"{field}.Owners", $"Owner '{text}' must be written 'team:<team key>' or 'lead:<team key>'.");
                }
            }
            steps.Add(new PlaybookStep
            {
                Key = s.Key?.Trim() ?? "",
                Name = s.Name?.Trim() ?? "",
                Offset = new StepOffset(s.OffsetAmount, unit),
                DurationDays = s.DurationDays,
                Owners = owners,
                Condition = condition,
                Prerequisites = (s.Prerequisites ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).ToList(),
                Description = s.Description?.Trim() ?? "",
                Checklist = (s.Checklist ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).ToList(),
            });
        }
        var playbook = new Playbook(key, input.Name?.Trim() ?? "", steps);
        foreach (var e in PlaybookValidator.Validate(playbook))
        {
            Add(e.Field, e.Message);
        }
        return errors.Count > 0
            ? Outcome<(Playbook, ProductKind?)>.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
            : Outcome<(Playbook, ProductKind?)>.Ok((playbook, defaultFor));
    }

    public static PlaybookView ToView(PlaybookEntity p) => new(p.Id, p.Key, p.Name, p.DefaultFor?.ToString(),
        p.Steps.OrderBy(s => s.Position).Select(s => new PlaybookStepView(s.Key, s.Name, s.OffsetAmount,
            s.OffsetUnit.ToString(), new StepOffset(s.OffsetAmount, s.OffsetUnit).Describe(), s.DurationDays,
            RolloutMapping.Split(s.Owners), s.ConditionField?.ToString(), s.ConditionValue,
            RolloutMapping.Split(s.Prerequisites), s.Description, RolloutMapping.Lines(s.Checklist))).ToList(),
        p.UpdatedAt, p.RowVersion);

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    private static partial Regex KeyPattern();
}

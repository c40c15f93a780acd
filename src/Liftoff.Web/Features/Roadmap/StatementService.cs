using System.ComponentModel.DataAnnotations;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Roadmap;

public sealed record StatementRequest(
    [property: Range(1, int.MaxValue, ErrorMessage = "Choose a roadmap item.")] int RoadmapItemId,
    [property: Range(1, int.MaxValue, ErrorMessage = "Choose an organisation.")] int OrganisationId,
    [property: Range(1, int.MaxValue, ErrorMessage = "Choose an approved phrasing.")] int PhrasingId,
    [property: StringLength(1000)] string? Context,
    [property: StringLength(200,
        ErrorMessage = "The name to use may have at most 200 characters.")] string? PublicName = null);

public sealed record StatementView(int Id, int ItemId, string ItemTitle, int OrganisationId, string OrganisationName,
    string Text, string Context,
    string RequestedBy, string RequestedByUserId, DateTimeOffset RequestedAt, StatementStatus Status,
        string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionComment);

/// <summary>
/// "May I tell this organisation about this item?": a staff member proposes an approved phrasing,
/// the lead of their team (or an Admin) decides; approved texts are what the disclosure guard lets through.
/// </summary>
public sealed class StatementService(AppDbContext db, AuditLog audit, TimeProvider clock, UserManager<AppUser> users)
{
    public async Task<IReadOnlyList<ApprovedPhrasing>> PhrasingsAsync(CancellationToken ct = default) =>
        await db.ApprovedPhrasings.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(ct);

    public async Task<Outcome<ApprovedPhrasing>> AddPhrasingAsync(string text, string userId,
        CancellationToken ct = default)
    {
        text = text?.Trim() ?? "";
        if (text.Length is < 10 or > 1000)
        {
            return Outcome<ApprovedPhrasing>.Invalid("Text", "A phrasing needs 10 to 1,000 characters.");
        }
        if (await db.ApprovedPhrasings.AnyAsync(p => p.Text == text, ct))
        {
            return Outcome<ApprovedPhrasing>.Invalid("Text", "This phrasing is already in the library.");
        }
        var phrasing = new ApprovedPhrasing { Text = text, CreatedByUserId = userId, CreatedAt = clock.GetUtcNow() };
        db.ApprovedPhrasings.Add(phrasing);
        audit.Add("statement.phrasing.added", "phrasing", null, text);
        await db.SaveChangesAsync(ct);
        return Outcome<ApprovedPhrasing>.Ok(phrasing);
    }

    public async Task<IReadOnlyList<StatementView>> ListAsync(int? organisationId = null,
        CancellationToken ct = default)
    {
        var q = db.ExternalStatements.AsNoTracking();
        if (organisationId is { } org)
        {
            q = q.Where(s => s.OrganisationId == org);
        }
        var rows = await q.OrderByDescending(s => s.Id)
            .Select(s => new { S = s, Item = s.Item!.Title, Org = s.Organisation!.Name }).Take(500).ToListAsync(ct);
        var ids = rows.SelectMany(r => new[] { r.S.RequestedByUserId, r.S.DecidedByUserId }).OfType<string>().Distinct()
            .ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => new StatementView(r.S.Id, r.S.RoadmapItemId, r.Item, r.S.OrganisationId, r.Org,
            r.S.Text, r.S.Context,
            names.GetValueOrDefault(r.S.RequestedByUserId, "?"), r.S.RequestedByUserId, r.S.RequestedAt, r.S.Status,
            r.S.DecidedByUserId is null ? null : names.GetValueOrDefault(r.S.DecidedByUserId), r.S.DecidedAt,
                r.S.DecisionComment)).ToList();
    }

    /// <summary>Approved statement texts per organisation, for the disclosure guard.</summary>
    public async Task<IReadOnlyList<(int OrganisationId, string Text)>> ApprovedTextsAsync(
        CancellationToken ct = default) =>
        (await db.ExternalStatements.AsNoTracking().Where(s => s.Status == StatementStatus.Approved)
            .Select(s => new { s.OrganisationId, s.Text }).ToListAsync(ct)).Select(s => (s.OrganisationId, s.Text))
                .ToList();

    public async Task<Outcome<StatementView>> RequestAsync(StatementRequest request, string userId,
        CancellationToken ct = default)
    {
        var errors = Validation.Errors(request);
        if (errors.Count > 0)
        {
            return Outcome<StatementView>.Invalid(errors);
        }
        var item = await db.RoadmapItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == request.RoadmapItemId, ct);
        var phrasing = await db.ApprovedPhrasings.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == request.PhrasingId && p.IsActive, ct);
        if (item is null)
        {
            return Outcome<StatementView>.Invalid(nameof(StatementRequest.RoadmapItemId), "Unknown roadmap item.");
        }
        if (!await db.Organisations.AnyAsync(o => o.Id == request.OrganisationId, ct))
        {
            return Outcome<StatementView>.Invalid(nameof(StatementRequest.OrganisationId), "Unknown organisation.");
        }
        if (phrasing is null)
        {
            return Outcome<StatementView>.Invalid(nameof(StatementRequest.PhrasingId),
                "Choose a phrasing from the approved library.");
        }
        var name = string.IsNullOrWhiteSpace(request.PublicName) ? item.Title : request.PublicName.Trim();
        if (name.Contains('\n', StringComparison.Ordinal) || name.Contains('\r', StringComparison.Ordinal))
        {
            return Outcome<StatementView>.Invalid(nameof(StatementRequest.PublicName),
                "The name to use must fit on one line.");
        }
        var context = request.Context?.Trim() ?? "";
        var statement = new ExternalStatement
        {
            RoadmapItemId = item.Id,
            OrganisationId = request.OrganisationId,
            PhrasingId = phrasing.Id,
            // The phrasing alone names nothing and may be said to anyone; what needs a decision is saying it of this
            // item.
            Text = StatementText(name, phrasing.Text),
            Context = context,
            RequestedByUserId = userId,
            RequestedAt = clock.GetUtcNow(),
            Status = StatementStatus.Pending,
        };
        db.ExternalStatements.Add(statement);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("statement.requested", "statement", statement.Id.ToString(),
            $"item {item.Id} to organisation {request.OrganisationId}: {statement.Text}", ct: ct);
        return Outcome<StatementView>.Ok((await ListAsync(request.OrganisationId, ct))
            .First(s => s.Id == statement.Id));
    }

    public async Task<Outcome<StatementView>> DecideAsync(int id, bool approve, string? comment, string deciderId,
        CancellationToken ct = default)
    {
        var statement = await db.ExternalStatements.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null)
        {
            return Outcome<StatementView>.NotFound();
        }
        if (statement.Status != StatementStatus.Pending)
        {
            return Outcome<StatementView>.Conflict(
                $"This statement was already {statement.Status.ToString().ToLowerInvariant()}.");
        }
        if (!await CanDecideAsync(statement.RequestedByUserId, deciderId, ct))
        {
            return Outcome<StatementView>.Invalid("",
                "Only the requester's team lead or an Admin may decide, and never the requester.");
        }
        if (!approve && string.IsNullOrWhiteSpace(comment))
        {
            return Outcome<StatementView>.Invalid("Comment", "Say why the statement is rejected.");
        }
        statement.Status = approve ? StatementStatus.Approved : StatementStatus.Rejected;
        statement.DecidedByUserId = deciderId;
        statement.DecidedAt = clock.GetUtcNow();
        statement.DecisionComment = comment?.Trim();
        audit.Add(approve ? "statement.approved" : "statement.rejected", "statement", id.ToString(), comment ?? "");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<StatementView>.Conflict("Someone decided this statement meanwhile.");
        }
        return Outcome<StatementView>.Ok((await ListAsync(statement.OrganisationId, ct)).First(s => s.Id == id));
    }

    /// <summary>The exact text an approved statement lets through: the item's name with the phrasing.</summary>
    public static string StatementText(string name, string phrasing) => $"{name}: {phrasing}";

    public async Task<bool> CanDecideAsync(string requesterId, string deciderId, CancellationToken ct = default)
    {
        if (requesterId == deciderId)
        {
            return false;
        }
        var decider = await users.FindByIdAsync(deciderId);
        if (decider is null || !decider.IsActive)
        {
            return false;
        }
        if (await users.IsInRoleAsync(decider, Roles.Admin))
        {
            return true;
        }
        if (!await users.IsInRoleAsync(decider, Roles.Lead))
        {
            return false;
        }
        var requesterTeams = await db.TeamMembers.Where(m => m.UserId == requesterId).Select(m => m.TeamId)
            .ToListAsync(ct);
        // Someone in no team may ask any lead.
        return requesterTeams.Count == 0 || await db.Teams.AnyAsync(t => requesterTeams.Contains(t.Id)
            && t.LeadUserId == deciderId, ct);
    }
}

using System.ComponentModel.DataAnnotations;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Organisation;
using Liftoff.Domain.Backlog.Prioritisation;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Priorities;

/// <summary>Priority scores from the shared weights, their history, and the inputs besides votes.</summary>
public sealed class Prioritisation(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<PriorityWeights> WeightsAsync(CancellationToken ct = default) =>
        ToWeights(await db.PrioritySettings.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == PrioritySettings.SingletonId, ct));

    public async Task<WeightsView> WeightsViewAsync(CancellationToken ct = default)
    {
        var row = await db.PrioritySettings.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == PrioritySettings.SingletonId, ct);
        var w = ToWeights(row);
        return new WeightsView(new WeightsInput(w.PointsPerVote,
            PriorityWeights.FormatMultipliers(w.SegmentMultipliers),
            PriorityWeights.FormatMultipliers(w.TierMultipliers),
            w.ResellerMultiplier, w.CustomerMultiplier, w.SurveyPoints, w.DealPointsPer10K, w.DealPointsCap,
                w.UrgencyPoints, w.PartnershipPoints, w.StrategicFitPoints, row?.RowVersion ?? 0),
            row is null, row?.UpdatedAt);
    }

    /// <summary>Saves new weights for every instance and records the score of each request it changes.</summary>
    public async Task<Outcome<WeightsView>> UpdateWeightsAsync(WeightsInput input, string? userId,
        CancellationToken ct = default)
    {
        var segments = PriorityWeights.ParseMultipliers(input.SegmentMultipliers, nameof(input.SegmentMultipliers));
        var tiers = PriorityWeights.ParseMultipliers(input.TierMultipliers, nameof(input.TierMultipliers));
        var errors = segments.Errors.Concat(tiers.Errors).ToList();
        if (segments.IsOk && tiers.IsOk)
        {
            errors.AddRange(ToWeights(input, segments.Value, tiers.Value).Validate());
        }
        if (errors.Count > 0)
        {
            return Outcome<WeightsView>.Invalid(errors.GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.PrioritySettings.FirstOrDefaultAsync(s => s.Id == PrioritySettings.SingletonId, ct);
        if (input.RowVersion is not { } v || v != (row?.RowVersion ?? 0))
        {
            return Outcome<WeightsView>.Conflict("Someone else changed the weights meanwhile. Reload to see theirs; " +
                "yours are kept in the form.");
        }
        if (row is null)
        {
            // Version 0 stands for "the defaults"; the first saved row is version 1.
            row = new PrioritySettings { RowVersion = 1 };
            db.PrioritySettings.Add(row);
        }
        row.PointsPerVote = input.PointsPerVote;
        row.SegmentMultipliers = PriorityWeights.FormatMultipliers(segments.Value!);
        row.TierMultipliers = PriorityWeights.FormatMultipliers(tiers.Value!);
        row.ResellerMultiplier = input.ResellerMultiplier;
        row.CustomerMultiplier = input.CustomerMultiplier;
        row.SurveyPoints = input.SurveyPoints;
        row.DealPointsPer10K = input.DealPointsPer10K;
        row.DealPointsCap = input.DealPointsCap;
        row.UrgencyPoints = input.UrgencyPoints;
        row.PartnershipPoints = input.PartnershipPoints;
        row.StrategicFitPoints = input.StrategicFitPoints;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedByUserId = userId;
        audit.Add("backlog.weights.updated", "priority-settings", "1",
            $"votes {row.PointsPerVote}; segments {row.SegmentMultipliers}; tiers {row.TierMultipliers}");
        try
        {
            await db.SaveChangesAsync(ct);
            await RecordAsync(null, "weights changed", userId, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<WeightsView>.Conflict("Someone else changed the weights at the same moment. Reload and " +
                "try again.");
        }
        return Outcome<WeightsView>.Ok(await WeightsViewAsync(ct));
    }

    /// <summary>Current scores of the given requests (all unmerged ones when null).</summary>
    public async Task<Dictionary<long, PriorityScore>> ScoresAsync(IReadOnlyCollection<long>? ids,
        PriorityWeights weights, CancellationToken ct = default)
    {
        var requests = ids is null
            ? db.FeatureRequests.AsNoTracking().Where(r => r.Status != FeatureRequestStatus.Merged)
            : db.FeatureRequests.AsNoTracking().Where(r => ids.Contains(r.Id));
        var votes = await db.RequestVotes.AsNoTracking().Where(v => requests.Any(r => r.Id == v.RequestId))
            .Select(v => new { v.RequestId, v.Organisation!.Segment, v.Organisation.Tier, v.Organisation.Kind })
                .ToListAsync(ct);
        var inputs = await db.RequestPriorities.AsNoTracking().Where(p => requests.Any(r => r.Id == p.RequestId))
            .ToDictionaryAsync(p => p.RequestId, ct);
        var requestIds = await requests.Select(r => r.Id).ToListAsync(ct);
        var votesByRequest = votes.ToLookup(v => v.RequestId, v =>
            new VoteInput(v.Segment, v.Tier, v.Kind == OrganisationKind.Customer));
        return requestIds.ToDictionary(id => id, id =>
        {
            var p = inputs.GetValueOrDefault(id);
            return PriorityScoring.Compute(new PriorityInputs(votesByRequest[id].ToList(), p?.SurveyScore,
                p?.DealValue ?? 0,
                p?.Urgency ?? SalesUrgency.None, p?.PartnershipStrength ?? 0, p?.StrategicFit), weights);
        });
    }

    public async Task<PriorityScore?> ScoreAsync(long id, CancellationToken ct = default) =>
        (await ScoresAsync([id], await WeightsAsync(ct), ct)).GetValueOrDefault(id);

    /// <summary>
    /// Adds a history row for each request whose score differs from its last recorded one. Call it
    /// after saving the change (in the same transaction), so the score reflects it.
    /// </summary>
    public async Task<int> RecordAsync(IReadOnlyCollection<long>? ids, string reason, string? userId,
        CancellationToken ct = default)
    {
        var scores = await ScoresAsync(ids, await WeightsAsync(ct), ct);
        var keys = scores.Keys.ToList();
        var history = ids is null ? db.RequestScoreChanges : db.RequestScoreChanges.Where(c =>
            keys.Contains(c.RequestId));
        var lastIds = history.GroupBy(c => c.RequestId).Select(g => g.Max(c => c.Id));
        var last = await db.RequestScoreChanges.AsNoTracking().Where(c => lastIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.RequestId, c => c.Score, ct);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var (id, score) in scores)
        {
            double? previous = last.TryGetValue(id, out var p) ? p : null;
            if (previous is { } prev && Math.Abs(prev - score.Total) < 0.05)
            {
                continue;
            }
            db.RequestScoreChanges.Add(new RequestScoreChange
            {
                RequestId = id,
                At = now,
                Score = score.Total,
                PreviousScore = previous,
                Reason = reason,
                Breakdown = score.Summary.Length > 1000 ? score.Summary[..1000] : score.Summary,
                ByUserId = userId,
            });
            added++;
        }
        return added;
    }

    public async Task<Outcome<PriorityScore>> UpdateInputsAsync(long requestId, PriorityInputsInput input,
        string? userId, CancellationToken ct = default)
    {
        var errors = Validation.Errors(input);
        if (errors.Count > 0)
        {
            return Outcome<PriorityScore>.Invalid(errors);
        }
        return await ChangeAsync(requestId, p =>
        {
            p.DealValue = input.DealValue ?? 0;
            p.Urgency = input.Urgency ?? SalesUrgency.None;
            p.PartnershipStrength = input.PartnershipStrength ?? 0;
            p.PartnershipNote = input.PartnershipNote?.Trim() ?? "";
            return $"deal {p.DealValue}; urgency {p.Urgency}; partnership {p.PartnershipStrength}";
        }, "request.priority.updated", "sales or partnership inputs changed", userId, ct);
    }

    /// <summary>Leads and Admins only (the caller checks the role).</summary>
    public async Task<Outcome<PriorityScore>> SetStrategicFitAsync(long requestId, StrategicFitInput input,
        string? userId, CancellationToken ct = default)
    {
        var errors = Validation.Errors(input);
        if (errors.Count > 0)
        {
            return Outcome<PriorityScore>.Invalid(errors);
        }
        return await ChangeAsync(requestId, p =>
        {
            p.StrategicFit = input.Rating;
            p.StrategicFitByUserId = userId;
            return $"strategic fit {input.Rating?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                ?? "cleared"}";
        }, "request.strategic-fit.rated", "strategic fit rated", userId, ct);
    }

    /// <summary>The backlog ranked by score (or votes, newest, title), filtered by area, status and requestor
    /// segment.</summary>
    public async Task<IReadOnlyList<RankedRequest>> RankAsync(RankingFilter filter, int limit = 500,
        CancellationToken ct = default)
    {
        var query = db.FeatureRequests.AsNoTracking().Where(r => r.Status != FeatureRequestStatus.Merged);
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(filter.Area))
        {
            query = query.Where(r => r.Area != null && r.Area.Name == filter.Area);
        }
        if (!string.IsNullOrWhiteSpace(filter.Segment))
        {
            query = query.Where(r => r.Votes.Any(v => v.Organisation!.Segment == filter.Segment));
        }
        var rows = await query.Select(r => new
        {
            r.Id,
            r.Title,
            Area = r.Area!.Name,
            r.Status,
            r.CreatedAt,
            Votes = r.Votes.Count
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var scores = await ScoresAsync(ids, await WeightsAsync(ct), ct);
        var segments = (await db.RequestVotes.AsNoTracking()
            .Where(v => ids.Contains(v.RequestId) && v.Organisation!.Segment != null)
                .Select(v => new { v.RequestId, v.Organisation!.Segment }).Distinct().ToListAsync(ct))
            .ToLookup(v => v.RequestId, v => v.Segment!);
        var ranked = rows.Select(r => new RankedRequest(r.Id, r.Title, r.Area, r.Status, r.Votes, scores[r.Id].Total,
            scores[r.Id].Summary,
            segments[r.Id].OrderBy(s => s, StringComparer.OrdinalIgnoreCase).ToList()));
        ranked = filter.Sort switch
        {
            "votes" => ranked.OrderByDescending(r => r.Votes).ThenByDescending(r => r.Score).ThenBy(r => r.Id),
            "newest" => ranked.OrderByDescending(r => r.Id),
            "title" => ranked.OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id),
            _ => ranked.OrderByDescending(r => r.Score).ThenByDescending(r => r.Votes).ThenBy(r => r.Id),
        };
        return ranked.Take(limit).ToList();
    }

    private async Task<Outcome<PriorityScore>> ChangeAsync(long requestId, Func<RequestPriority, string> apply,
        string action, string reason, string? userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await db.FeatureRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Select(r => new { r.Status, r.MergedIntoId }).FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return Outcome<PriorityScore>.NotFound();
        }
        if (request.Status == FeatureRequestStatus.Merged)
        {
            return Outcome<PriorityScore>.Conflict($"#{requestId} is merged into #{request.MergedIntoId}; record its " +
                $"inputs there.");
        }
        var inputs = await db.RequestPriorities.FirstOrDefaultAsync(p => p.RequestId == requestId, ct);
        if (inputs is null)
        {
            inputs = new RequestPriority { RequestId = requestId };
            db.RequestPriorities.Add(inputs);
        }
        var details = apply(inputs);
        inputs.UpdatedAt = clock.GetUtcNow();
        audit.Add(action, "request", requestId.ToString(System.Globalization.CultureInfo.InvariantCulture), details);
        try
        {
            await db.SaveChangesAsync(ct);
            await RecordAsync([requestId], reason, userId, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<PriorityScore>.Conflict("Someone else changed this request's inputs at the same moment. " +
                "Reload and try again.");
        }
        return Outcome<PriorityScore>.Ok((await ScoreAsync(requestId, ct))!);
    }

    private static PriorityWeights ToWeights(PrioritySettings? row)
    {
        if (row is null)
        {
            return PriorityWeights.Default;
        }
        var segments = PriorityWeights.ParseMultipliers(row.SegmentMultipliers, "segments");
        var tiers = PriorityWeights.ParseMultipliers(row.TierMultipliers, "tiers");
        return new PriorityWeights(row.PointsPerVote, segments.Value ?? new Dictionary<string, double>(), tiers.Value
            ?? new Dictionary<string, double>(),
            row.ResellerMultiplier, row.CustomerMultiplier, row.SurveyPoints, row.DealPointsPer10K, row.DealPointsCap,
                row.UrgencyPoints, row.PartnershipPoints, row.StrategicFitPoints);
    }

    private static PriorityWeights ToWeights(WeightsInput i, IReadOnlyDictionary<string, double> segments,
        IReadOnlyDictionary<string, double> tiers) =>
        new(i.PointsPerVote, segments, tiers, i.ResellerMultiplier, i.CustomerMultiplier, i.SurveyPoints,
            i.DealPointsPer10K, i.DealPointsCap,
            i.UrgencyPoints, i.PartnershipPoints, i.StrategicFitPoints);
}

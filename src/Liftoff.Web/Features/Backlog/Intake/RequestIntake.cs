using System.ComponentModel.DataAnnotations;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Backlog;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Features.Backlog.Priorities;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Intake;

public sealed record Requestor(
    [property: Range(1, int.MaxValue, ErrorMessage = "Choose the requestor's organisation.")] int OrganisationId,
    [property: Required, EmailAddress, StringLength(320)] string ContactEmail,
    [property: StringLength(200)] string? ContactName);

public sealed record NewRequest(
    [property: Required, StringLength(300, MinimumLength = 3)] string Title,
    [property: StringLength(20000)] string? Description,
    int? AreaId,
    Requestor Requestor);

/// <summary>A request written in the portal: the organisation wrote its texts; the form's key makes it
/// idempotent.</summary>
public sealed record PortalSubmission(int OrganisationId, string? SubmissionKey);

/// <summary>Recording requests on behalf of resellers and customers; adding a requestor is the upvote.</summary>
public sealed class RequestIntake(
    AppDbContext db, SimilarRequestEngine engine, AuditLog audit, TimeProvider clock, Prioritisation priorities,
    FeatureRequests requests)
{
    public const string InvisibleTitle =
        "Write a title with letters or digits: spaces, zero-width and control characters alone show nothing.";

    public Task<Outcome<RequestView>> CreateAsync(NewRequest input, string? userId, CancellationToken ct = default) =>
        CreateAsync(input, userId, null, ct);

    public async Task<Outcome<RequestView>> CreateAsync(
        NewRequest input, string? userId, PortalSubmission? portal, CancellationToken ct = default)
    {
        var errors = Validation.Errors(input);
        if (!errors.ContainsKey("Title") && !SubmittedText.HasVisibleCharacters(input.Title))
        {
            errors["Title"] = [InvisibleTitle];
        }
        var requestorErrors = input.Requestor is null
            ? new() { ["Requestor"] = ["Say who asked."] }
            : Validation.Errors(input.Requestor);
        foreach (var (k, v) in requestorErrors)
        {
            errors[k] = v;
        }
        if (errors.Count > 0)
        {
            return Outcome<RequestView>.Invalid(errors);
        }
        if (!await db.Organisations.AnyAsync(o => o.Id == input.Requestor!.OrganisationId, ct))
        {
            return Outcome<RequestView>.Invalid("OrganisationId", "Unknown organisation.");
        }
        if (input.AreaId is { } area && !await db.ProductAreas.AnyAsync(a => a.Id == area, ct))
        {
            return Outcome<RequestView>.Invalid("AreaId", "Unknown product area.");
        }
        var now = clock.GetUtcNow();
        if (await RequestorDirectory.CheckAsync(db, input.Requestor!.OrganisationId, input.Requestor.ContactEmail,
            input.Requestor.ContactName, now, ct) is { } refused)
        {
            return Outcome<RequestView>.Invalid("ContactEmail", refused);
        }
        if (portal?.SubmissionKey is { } key && await SubmittedAsync(key, ct) is { } earlier)
        {
            return Outcome<RequestView>.Ok(earlier);
        }
        var title = SubmittedText.CleanLine(input.Title);
        var description = SubmittedText.CleanText(input.Description);
        var request = new FeatureRequest
        {
            Title = title,
            Description = description,
            AreaId = input.AreaId,
            Status = FeatureRequestStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedByUserId = userId,
            Embedding = engine.Index.ToStored(engine.Embed(title, description)),
            WrittenByOrganisationId = portal?.OrganisationId,
            SubmissionKey = portal?.SubmissionKey,
        };
        request.Votes.Add(NewVote(input.Requestor!, userId, now));
        db.FeatureRequests.Add(request);
        audit.Add("request.created", "request", null, title);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (portal?.SubmissionKey is { } raced)
        {
            // The same form arrived twice at once (a double click, two instances): the unique key kept the first.
            db.ChangeTracker.Clear();
            if (await SubmittedAsync(raced, ct) is { } first)
            {
                return Outcome<RequestView>.Ok(first);
            }
            throw;
        }
        // This instance's index catches up at once; others within their poll.
        engine.Changed();
        return Outcome<RequestView>.Ok((await requests.GetAsync(request.Id, ct))!);
    }

    private async Task<RequestView?> SubmittedAsync(string key, CancellationToken ct)
    {
        var id = await db.FeatureRequests.AsNoTracking().Where(r => r.SubmissionKey == key)
            .Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await requests.GetAsync(found, ct) : null;
    }

    public async Task<Outcome<RequestView>> AddRequestorAsync(long requestId, Requestor requestor, string? userId,
        CancellationToken ct = default)
    {
        var errors = Validation.Errors(requestor);
        if (errors.Count > 0)
        {
            return Outcome<RequestView>.Invalid(errors);
        }
        var target = await db.FeatureRequests.Where(r => r.Id == requestId).Select(r => new { r.MergedIntoId })
            .FirstOrDefaultAsync(ct);
        if (target is null)
        {
            return Outcome<RequestView>.NotFound();
        }
        if (target.MergedIntoId is { } kept)
        {
            return Outcome<RequestView>.Conflict($"#{requestId} was merged into #{kept}; add the requestor to " +
                $"#{kept}.");
        }
        if (!await db.Organisations.AnyAsync(o => o.Id == requestor.OrganisationId, ct))
        {
            return Outcome<RequestView>.Invalid("OrganisationId", "Unknown organisation.");
        }
        var email = EmailAddresses.Normalise(requestor.ContactEmail);
        if (await db.RequestVotes.AnyAsync(v => v.RequestId == requestId
            && v.OrganisationId == requestor.OrganisationId && v.ContactEmail == email, ct))
        {
            return Outcome<RequestView>.Invalid("ContactEmail", "This contact of this organisation already counts on " +
                "this request; nothing was added.");
        }
        if (await RequestorDirectory.CheckAsync(db, requestor.OrganisationId, requestor.ContactEmail,
            requestor.ContactName, clock.GetUtcNow(), ct) is { } refused)
        {
            return Outcome<RequestView>.Invalid("ContactEmail", refused);
        }
        var vote = NewVote(requestor, userId, clock.GetUtcNow());
        vote.RequestId = requestId;
        db.RequestVotes.Add(vote);
        audit.Add("request.upvoted", "request",
            requestId.ToString(System.Globalization.CultureInfo.InvariantCulture), email);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent click recorded the same requestor first: the unique index keeps one.
            return Outcome<RequestView>.Invalid("ContactEmail", "This contact of this organisation already counts on " +
                "this request; nothing was added.");
        }
        await priorities.RecordAsync([requestId], "requestor added", userId, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<RequestView>.Ok((await requests.GetAsync(requestId, ct))!);
    }

    private static RequestVote NewVote(Requestor requestor, string? userId, DateTimeOffset now) => new()
    {
        OrganisationId = requestor.OrganisationId,
        ContactEmail = EmailAddresses.Normalise(requestor.ContactEmail),
        ContactName = requestor.ContactName?.Trim() ?? "",
        CreatedAt = now,
        RecordedByUserId = userId,
    };
}

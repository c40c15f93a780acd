using System.Security.Claims;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.ReleaseNotes;

public sealed record NoteItemRequest(string? Text, bool IsExternal);

public sealed record NoteItemMarking(bool IsExternal);

/// <param name="RowVersion">The version read with GET; a save by someone else since then is a 409.</param>
public sealed record CustomerNotesRequest(string? CustomerMarkdown, string? CustomerImpactMarkdown, int RowVersion,
    NotesAudience? Audience);

/// <param name="TextHash">The <c>customerTextHash</c> of the notes read with GET: the exact text being
/// approved.</param>
public sealed record ApproveRequest(string? TextHash);

public sealed record OverrideRequest(int Start, int Length, string? Reason);

public sealed record ShareResult(bool Sent, string Message);

/// <summary>The release-notes page's actions: the same services, guard, version checks and audit.</summary>
public static class ReleaseNotesApi
{
    public static IEndpointRouteBuilder MapReleaseNotes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/releases/{id:int}/notes").RequireAuthorization(Policies.Staff)
            .WithTags("Release notes");
        api.MapGet("/", GetAsync);
        api.MapPost("/items", async (int id, NoteItemRequest request, ReleaseNotesEditing editing,
            ClaimsPrincipal user, CancellationToken ct) =>
            (await editing.AddItemAsync(id, request.Text, request.IsExternal, user.UserId(), ct))
                .ToCreated(i => i, i => $"/api/releases/{id}/notes"));
        api.MapPut("/items/{itemId:int}", async (int id, int itemId, NoteItemMarking request,
            ReleaseNotesEditing editing, CancellationToken ct) =>
            (await editing.SetItemExternalAsync(id, itemId, request.IsExternal, ct)).ToResults());
        api.MapDelete("/items/{itemId:int}", async (int id, int itemId, ReleaseNotesEditing editing,
            CancellationToken ct) =>
            (await editing.RemoveItemAsync(id, itemId, ct)).ToResults());
        api.MapPut("/customer", async (int id, CustomerNotesRequest request, ReleaseNotesEditing editing,
            ClaimsPrincipal user, CancellationToken ct) =>
            (await editing.SaveCustomerNotesAsync(id, new CustomerNotesInput(request.CustomerMarkdown,
                request.CustomerImpactMarkdown,
                request.RowVersion, request.Audience), user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/check", CheckAsync);
        api.MapPost("/approve", ApproveAsync).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/share", async (int id, CustomerTeamsShare share, ClaimsPrincipal user, CancellationToken ct) =>
            (await share.ShareAsync(id, user.UserId(), ct)).ToResults(sent => new ShareResult(sent, sent
                ? "The notes are on their way to the customer teams."
                : "These notes were already shared with the customer teams; nothing was sent again.")));
        app.MapGroup("/api/releases/{id:int}/notes").RequireAuthorization(Policies.Lead).WithTags("Release notes")
            .MapPost("/overrides", async (int id, OverrideRequest request, ReleaseNotesApproval approval,
                ClaimsPrincipal user, CancellationToken ct) =>
                (await approval.OverrideAsync(id, request.Start, request.Length, request.Reason, user.UserId(), ct))
                    .ToResults());
        return app;
    }

    private static async Task<Results<Ok<ReleaseNotesView>, NotFound>> GetAsync(int id, ReleaseNotesEditing editing,
        CancellationToken ct) =>
        await editing.GetAsync(id, ct) is { } notes ? TypedResults.Ok(notes) : TypedResults.NotFound();

    /// <summary>The disclosure check of the current customer-facing text; an empty list means it may go out.</summary>
    private static async Task<Results<Ok<IReadOnlyList<BlockedText>>, NotFound>> CheckAsync(int id,
        ReleaseNotesEditing editing,
        ReleaseNotesApproval approval, CancellationToken ct) =>
        await editing.GetAsync(id, ct) is { } notes
            ? TypedResults.Ok(await approval.CheckAsync(id, notes.CustomerText, notes.Audience, ct))
            : TypedResults.NotFound();

    /// <summary>Approves, or 422 with the findings of the disclosure check that block the text.</summary>
    private static async Task<Results<Ok<ReleaseNotesView>, UnprocessableEntity<IReadOnlyList<BlockedText>>,
        ValidationProblem, NotFound, ProblemHttpResult>>
        ApproveAsync(int id, ApproveRequest request, ReleaseNotesApproval approval, ReleaseNotesEditing editing,
            ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await approval.ApproveAsync(id, request.TextHash, user.UserId(), ct);
        if (outcome.Value is { Count: > 0 } blocked)
        {
            return TypedResults.UnprocessableEntity(blocked);
        }
        if (!outcome.IsOk)
        {
            return outcome.Kind switch
            {
                OutcomeKind.Conflict => TypedResults.Problem(outcome.Message,
                    statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
                _ => TypedResults.ValidationProblem(outcome.ErrorsByField()),
            };
        }
        return await editing.GetAsync(id, ct) is { } notes ? TypedResults.Ok(notes) : TypedResults.NotFound();
    }
}

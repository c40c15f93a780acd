using System.Security.Claims;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.KnowledgeBase;

public sealed record KbDraftDto(int Id, string Title, string BodyMarkdown, KbAudience Audience, int? ReleaseId,
    int PublishedVersion,
    int RowVersion, DateTimeOffset UpdatedAt)
{
    public static KbDraftDto From(KbArticle a) => new(a.Id, a.Title, a.BodyMarkdown, a.Audience, a.ReleaseId,
        a.PublishedVersion, a.RowVersion, a.UpdatedAt);
}

public sealed record KbArticleRequest(string? Title, string? BodyMarkdown, KbAudience Audience, int? ReleaseId);

/// <param name="RowVersion">The draft's version read with GET; a save by someone else since then is a 409.</param>
public sealed record KbDraftRequest(string? Title, string? BodyMarkdown, KbAudience Audience, int? ReleaseId,
    int RowVersion);

public sealed record KbPublishRequest(int RowVersion);

public sealed record KbRollbackRequest(int Version);

public sealed record KbOverrideRequest(int Start, int Length, string? Reason);

/// <summary>The knowledge-base editor's actions for staff: drafts, publishing, versions, diff and rollback.</summary>
public static class KnowledgeBaseApi
{
    public static IEndpointRouteBuilder MapKnowledgeBaseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/kb/articles").RequireAuthorization(Policies.Staff).WithTags("Knowledge base");
        api.MapGet("/", async (string? search, KbQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.ListAsync(search, ct)));
        api.MapPost("/", async (KbArticleRequest request, KbEditing editing, ClaimsPrincipal user,
            CancellationToken ct) =>
            (await editing.CreateAsync(new KbArticleInput(request.Title, request.BodyMarkdown, request.Audience,
                request.ReleaseId), user.UserId(), ct))
                .ToCreated(KbDraftDto.From, a => $"/api/kb/articles/{a.Id}"));
        api.MapGet("/{id:int}", async Task<Results<Ok<KbDraftDto>, NotFound>> (int id, KbQueries queries,
            CancellationToken ct) =>
            await queries.GetAsync(id, ct) is { } a ? TypedResults.Ok(KbDraftDto.From(a)) : TypedResults.NotFound());
        api.MapPut("/{id:int}/draft", async (int id, KbDraftRequest request, KbEditing editing, CancellationToken ct) =>
            (await editing.UpdateDraftAsync(id, new KbArticleInput(request.Title, request.BodyMarkdown,
                request.Audience, request.ReleaseId), request.RowVersion, ct))
                .ToResults(KbDraftDto.From))
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:int}/publish", async (int id, KbPublishRequest request, KbPublishing publishing,
            ClaimsPrincipal user, CancellationToken ct) =>
            Published(await publishing.PublishAsync(id, request.RowVersion, user.UserId(), ct)))
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:int}/versions", async Task<Results<Ok<IReadOnlyList<KbVersionSummary>>, NotFound>> (int id,
            KbQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, ct) is null ? TypedResults.NotFound()
                : TypedResults.Ok(await queries.VersionsAsync(id, ct)));
        api.MapGet("/{id:int}/diff", async Task<Results<Ok<IReadOnlyList<DiffLine>>, NotFound>> (int id, int from,
            int to, KbQueries queries, CancellationToken ct) =>
            await queries.DiffAsync(id, from, to, ct) is { } lines ? TypedResults.Ok(lines) : TypedResults.NotFound());
        api.MapPost("/{id:int}/rollback", async (int id, KbRollbackRequest request, KbPublishing publishing,
            ClaimsPrincipal user, CancellationToken ct) =>
            Published(await publishing.RollbackAsync(id, request.Version, user.UserId(), ct)))
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGroup("/api/kb/articles").RequireAuthorization(Policies.Lead).WithTags("Knowledge base")
            .MapPost("/{id:int}/overrides", async (int id, KbOverrideRequest request, KbPublishing publishing,
                ClaimsPrincipal user, CancellationToken ct) =>
                (await publishing.OverrideAsync(id, request.Start, request.Length, request.Reason, user.UserId(), ct))
                    .ToResults());
        return app;
    }

    /// <summary>The new version, or 422 with the disclosure findings that blocked publishing.</summary>
    private static Results<Ok<PublishResult>, UnprocessableEntity<IReadOnlyList<BlockedText>>, ValidationProblem,
        NotFound, ProblemHttpResult> Published(
        Outcome<PublishResult> outcome) => outcome switch
        {
            { Value.Blocked.Count: > 0 } => TypedResults.UnprocessableEntity(outcome.Value.Blocked),
            { Kind: OutcomeKind.Ok } => TypedResults.Ok(outcome.Value),
            { Kind: OutcomeKind.NotFound } => TypedResults.NotFound(),
            { Kind: OutcomeKind.Conflict } => TypedResults.Problem(outcome.Message,
                statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
            _ => TypedResults.ValidationProblem(outcome.ErrorsByField()),
        };
}

using System.Security.Claims;
using Liftoff.Web.Features.Calendar;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Releases;

public sealed record ApplyPlaybookInput(int? RowVersion);

/// <summary>Releases, playbooks, tasks and calendar feeds: services and HTTP endpoints.</summary>
public static class RolloutApi
{
    public static IServiceCollection AddRollout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RolloutOptions>().Bind(configuration.GetSection(RolloutOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RolloutPeople>();
        services.AddScoped<ReleaseQueries>();
        services.AddScoped<ReleasePlanning>();
        services.AddScoped<WorkspaceCalendarStore>();
        services.AddScoped<PlaybookLibrary>();
        services.AddScoped<RolloutTaskWork>();
        services.AddScoped<PlanTaskCompletion>();
        services.AddScoped<TaskReopening>();
        services.AddScoped<CalendarFeeds>();
        services.AddSingleton<RolloutReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<RolloutReminders>());
        return services;
    }

    public static IEndpointRouteBuilder MapRollout(this IEndpointRouteBuilder app)
    {
        var releases = app.MapGroup("/api/releases").RequireAuthorization(Policies.Staff).WithTags("Releases");
        releases.MapGet("/", async (bool? active, ReleaseQueries q, CancellationToken ct) => TypedResults.Ok(await q.ListAsync(active ?? false, 1000, ct)));
        releases.MapGet("/{id:int}", GetReleaseAsync);
        releases.MapPost("/", async (ReleaseInput? input, ReleasePlanning p, CancellationToken ct) =>
            (await p.CreateAsync(input ?? new ReleaseInput(null, null, null), ct)).ToCreatedOrRefused(r => $"/api/releases/{r.Id}"));
        releases.MapPut("/{id:int}", async (int id, ReleaseInput? input, ReleasePlanning p, CancellationToken ct) =>
            (await p.UpdateAsync(id, input ?? new ReleaseInput(null, null, null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        releases.MapPost("/{id:int}/move", async (int id, MoveReleaseInput? input, ReleasePlanning p, CancellationToken ct) =>
            (await p.MoveAsync(id, input ?? new MoveReleaseInput(null, null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        releases.MapPost("/{id:int}/status", SetStatusAsync)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict);
        releases.MapPost("/{id:int}/apply-playbook", async (int id, ApplyPlaybookInput? input, ReleasePlanning p, CancellationToken ct) =>
            (await p.ApplyPlaybookAsync(id, input?.RowVersion, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);

        var tasks = app.MapGroup("/api/tasks").RequireAuthorization(Policies.Staff).WithTags("Tasks");
        tasks.MapGet("/{id:int}", GetTaskAsync);
        tasks.MapPost("/{id:int}/status", async (int id, TaskStatusInput? input, RolloutTaskWork w, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.SetStatusAsync(id, input ?? new TaskStatusInput(null), user.FindFirstValue(ClaimTypes.NameIdentifier), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id:int}/reopen", async (int id, TaskReopenInput? input, TaskReopening r, ClaimsPrincipal user,
            CancellationToken ct) => (await r.ReopenAsync(id, input ?? new TaskReopenInput(null),
                user.FindFirstValue(ClaimTypes.NameIdentifier), IsLead(user), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPut("/{id:int}/assignee", async (int id, TaskAssigneeInput? input, RolloutTaskWork w, CancellationToken ct) =>
            (await w.AssignAsync(id, input ?? new TaskAssigneeInput(null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id:int}/comments", async (int id, CommentInput? input, RolloutTaskWork w, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.CommentAsync(id, input ?? new CommentInput(null), user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "", ct))
                .ToCreated(_ => $"/api/tasks/{id}"));
        tasks.MapPost("/{id:int}/evidence", async (int id, EvidenceInput? input, RolloutTaskWork w, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.AddEvidenceAsync(id, input ?? new EvidenceInput(null, null), user.FindFirstValue(ClaimTypes.NameIdentifier), ct))
                .ToCreated(_ => $"/api/tasks/{id}"));

        var playbooksRead = app.MapGroup("/api/playbooks").RequireAuthorization(Policies.Staff).WithTags("Playbooks");
        playbooksRead.MapGet("/", async (PlaybookLibrary l, CancellationToken ct) => TypedResults.Ok(await l.ListAsync(ct)));
        playbooksRead.MapGet("/{id:int}", GetPlaybookAsync);
        var playbooksWrite = app.MapGroup("/api/playbooks").RequireAuthorization(Policies.Lead).WithTags("Playbooks");
        playbooksWrite.MapPost("/", async (PlaybookInput? input, PlaybookLibrary l, CancellationToken ct) =>
            (await l.CreateAsync(input ?? new PlaybookInput(null, null, null, null), ct)).ToCreatedOrRefused(p => $"/api/playbooks/{p.Id}"));
        // Saving replaces every step: without the version read, someone else's steps would vanish unseen.
        playbooksWrite.MapPut("/{id:int}", async (int id, PlaybookInput? input, PlaybookLibrary l, CancellationToken ct) =>
            input?.RowVersion is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [nameof(PlaybookInput.RowVersion)] = ["Give the rowVersion read with the playbook."],
                })
                : (await l.UpdateAsync(id, input, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);

        var feeds = app.MapGroup("/api/calendar-feeds").RequireAuthorization(Policies.Staff).WithTags("Calendar");
        feeds.MapGet("/", async (CalendarFeeds f, ClaimsPrincipal user, CancellationToken ct) => TypedResults.Ok(await f.ListAsync(user.UserId(), ct)));
        feeds.MapPost("/", async (FeedInput? input, CalendarFeeds f, ClaimsPrincipal user, CancellationToken ct) =>
            (await f.CreateAsync(user.UserId(), input ?? new FeedInput(null, null), ct)).ToCreatedOrRefused(c => c.Path));
        feeds.MapDelete("/{id:int}", async (int id, CalendarFeeds f, ClaimsPrincipal user, CancellationToken ct) =>
            (await f.RevokeAsync(user.UserId(), id, ct)).ToResults());

        // The deliberate anonymous route: calendar clients cannot sign in; the secret token is the key.
        app.MapGet("/calendar/{token}.ics", async Task<Results<ContentHttpResult, NotFound>> (string token, CalendarFeeds f, HttpContext http, CancellationToken ct) =>
        {
            var ics = await f.RenderAsync(token, ct);
            if (ics is null)
            {
                return TypedResults.NotFound();
            }
            http.Response.Headers.CacheControl = "private, max-age=300";
            return TypedResults.Text(ics, "text/calendar; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static bool IsLead(ClaimsPrincipal user) =>
        user.IsInRole(Data.Identity.Roles.Lead) || user.IsInRole(Data.Identity.Roles.Admin);

    private static async Task<Results<Ok<ReleaseView>, ValidationProblem, NotFound, ProblemHttpResult>> SetStatusAsync(int id, ReleaseStatusInput? input, ReleasePlanning p,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await p.SetStatusAsync(id, input ?? new ReleaseStatusInput(null, null),
            user.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        // Undecided or badly decided pre-release tasks: the request is well-formed but cannot be carried out yet.
        return outcome.Kind == OutcomeKind.Invalid && outcome.HasError(ReleaseTaskDecisions.Field)
            ? TypedResults.Problem(new HttpValidationProblemDetails(outcome.ErrorsByField())
            {
                Title = "The open pre-release tasks need a decision",
                Status = StatusCodes.Status422UnprocessableEntity,
            })
            : outcome.ToResults();
    }

    private static async Task<Results<Ok<ReleaseView>, NotFound>> GetReleaseAsync(int id, ReleaseQueries q, CancellationToken ct) =>
        await q.GetAsync(id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    private static async Task<Results<Ok<TaskDetail>, NotFound>> GetTaskAsync(int id, RolloutTaskWork w, CancellationToken ct) =>
        await w.GetAsync(id, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    private static async Task<Results<Ok<PlaybookView>, NotFound>> GetPlaybookAsync(int id, PlaybookLibrary l, CancellationToken ct) =>
        await l.GetAsync(id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();
}

using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Tasks;

/// <summary>Release tasks, their people and reminders: services and HTTP endpoints.</summary>
public static class TasksApi
{
    public static IServiceCollection AddTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RolloutOptions>().Bind(configuration.GetSection(RolloutOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RolloutPeople>();
        services.AddScoped<TaskQueries>();
        services.AddScoped<RolloutTaskWork>();
        services.AddScoped<PlanTaskCompletion>();
        services.AddScoped<TaskReopening>();
        services.AddSingleton<RolloutReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<RolloutReminders>());
        return services;
    }

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").RequireAuthorization(Policies.Staff).WithTags("Tasks");
        tasks.MapGet("/{id:int}", GetTaskAsync);
        tasks.MapPost("/{id:int}/status", async (int id, TaskStatusInput? input, RolloutTaskWork w,
                ClaimsPrincipal user, CancellationToken ct) =>
            (await w.SetStatusAsync(id, input ?? new TaskStatusInput(null),
                user.FindFirstValue(ClaimTypes.NameIdentifier), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id:int}/reopen", async (int id, TaskReopenInput? input, TaskReopening r, ClaimsPrincipal user,
            CancellationToken ct) => (await r.ReopenAsync(id, input ?? new TaskReopenInput(null),
                user.FindFirstValue(ClaimTypes.NameIdentifier), IsLead(user), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPut("/{id:int}/assignee", async (int id, TaskAssigneeInput? input, RolloutTaskWork w,
                CancellationToken ct) =>
            (await w.AssignAsync(id, input ?? new TaskAssigneeInput(null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id:int}/comments", async (int id, CommentInput? input, RolloutTaskWork w,
                ClaimsPrincipal user, CancellationToken ct) =>
            (await w.CommentAsync(id, input ?? new CommentInput(null), user.FindFirstValue(ClaimTypes.NameIdentifier),
                user.Identity?.Name ?? "", ct)).ToCreated(_ => $"/api/tasks/{id}"));
        tasks.MapPost("/{id:int}/evidence", async (int id, EvidenceInput? input, RolloutTaskWork w,
                ClaimsPrincipal user, CancellationToken ct) =>
            (await w.AddEvidenceAsync(id, input ?? new EvidenceInput(null, null),
                user.FindFirstValue(ClaimTypes.NameIdentifier), ct)).ToCreated(_ => $"/api/tasks/{id}"));
        return app;
    }

    public static bool IsLead(ClaimsPrincipal user) =>
        user.IsInRole(Data.Identity.Roles.Lead) || user.IsInRole(Data.Identity.Roles.Admin);

    private static async Task<Results<Ok<TaskDetail>, NotFound>> GetTaskAsync(int id, RolloutTaskWork w,
        CancellationToken ct) =>
        await w.GetAsync(id, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();
}

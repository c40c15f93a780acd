using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Playbooks;

/// <summary>Playbooks: services and HTTP endpoints (staff read, leads edit).</summary>
public static class PlaybooksApi
{
    public static IServiceCollection AddPlaybooks(this IServiceCollection services) =>
        services.AddScoped<PlaybookLibrary>();

    public static IEndpointRouteBuilder MapPlaybooks(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/playbooks").RequireAuthorization(Policies.Staff).WithTags("Playbooks");
        read.MapGet("/", async (PlaybookLibrary l, CancellationToken ct) => TypedResults.Ok(await l.ListAsync(ct)));
        read.MapGet("/{id:int}", GetPlaybookAsync);
        var write = app.MapGroup("/api/playbooks").RequireAuthorization(Policies.Lead).WithTags("Playbooks");
        write.MapPost("/", async (PlaybookInput? input, PlaybookLibrary l, CancellationToken ct) =>
            (await l.CreateAsync(input ?? new PlaybookInput(null, null, null, null), ct))
                .ToCreatedOrRefused(p => $"/api/playbooks/{p.Id}"));
        // Saving replaces every step: without the version read, someone else's steps would vanish unseen.
        write.MapPut("/{id:int}", async (int id, PlaybookInput? input, PlaybookLibrary l, CancellationToken ct) =>
            input?.RowVersion is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [nameof(PlaybookInput.RowVersion)] = ["Give the rowVersion read with the playbook."],
                })
                : (await l.UpdateAsync(id, input, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<PlaybookView>, NotFound>> GetPlaybookAsync(int id, PlaybookLibrary l,
        CancellationToken ct) =>
        await l.GetAsync(id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();
}

using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;

namespace Liftoff.Web.Features.Backlog.Intake;

/// <summary>Recording a new request or one more requestor of a request (staff).</summary>
internal static class IntakeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/", async (NewRequest? input, RequestIntake intake, ClaimsPrincipal user, CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { [""] = ["A request body is required."] })
                : (await intake.CreateAsync(input, user.UserId(), ct))
                    .ToCreatedOrRefused(r => $"/api/requests/{r.Id}"));
        api.MapPost("/{id:long}/requestors", async (long id, Requestor? requestor, RequestIntake intake,
            ClaimsPrincipal user, CancellationToken ct) =>
            requestor is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { [""] = ["A request body is required."] })
                : (await intake.AddRequestorAsync(id, requestor, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

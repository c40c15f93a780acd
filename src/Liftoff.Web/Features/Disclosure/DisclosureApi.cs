using System.Security.Claims;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Disclosure;

namespace Liftoff.Web.Features.Disclosure;

public sealed record CheckRequest(string? Text, int? AudienceOrganisationId);

public sealed record OverrideRequest(string? Text, int? AudienceOrganisationId, int Start, int Length, string? Reason);

public static class DisclosureApi
{
    public static IServiceCollection AddDisclosure(this IServiceCollection services) =>
        services.AddScoped<DisclosureService>().AddScoped<IDisclosureCheck, GuardDisclosureCheck>();

    public static IEndpointRouteBuilder MapDisclosure(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/disclosure/check", async (CheckRequest? request, DisclosureService guard, CancellationToken ct) =>
            {
                if (request?.Text is null)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["Text"] = ["Send the text to check."] });
                }
                var result = await guard.CheckAsync(request.Text, request.AudienceOrganisationId, ct);
                return result.Status == Domain.Disclosure.DisclosureStatus.Refused
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["Text"] = [result.RefusalReason ?? "The text was refused."] })
                    : Results.Ok(result);
            })
            .RequireAuthorization(Policies.Staff).WithTags("Disclosure");
        app.MapPost("/api/disclosure/overrides", async (OverrideRequest? request, DisclosureService guard, ClaimsPrincipal user, CancellationToken ct) =>
                request?.Text is null
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["Text"] = ["Send the text the finding is in."] })
                    : (await guard.OverrideAsync(request.Text, request.AudienceOrganisationId, request.Start, request.Length, request.Reason, AccountApi.UserId(user), ct)).ToHttpResult())
            .RequireAuthorization(Policies.Lead).WithTags("Disclosure");
        return app;
    }
}

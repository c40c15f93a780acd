using System.Security.Claims;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Disclosure;

namespace Liftoff.Web.Features.Disclosure;

/// <param name="Audience">"public" (default), "resellers" or "customers" when no organisation is given.</param>
public sealed record CheckRequest(string? Text, int? AudienceOrganisationId, string? Audience = null);

public sealed record OverrideRequest(string? Text, int? AudienceOrganisationId, int Start, int Length, string? Reason);

public static class DisclosureApi
{
    public static IServiceCollection AddDisclosure(this IServiceCollection services) =>
        services.AddScoped<DisclosureService>().AddScoped<IDisclosureCheck, GuardDisclosureCheck>().AddScoped<ReleaseAnnouncements>();

    public static IEndpointRouteBuilder MapDisclosure(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/disclosure/check", async (CheckRequest? request, DisclosureService guard, CancellationToken ct) =>
            {
                if (request?.Text is null)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["Text"] = ["Send the text to check."] });
                }
                DisclosureAudience audience;
                if (request.AudienceOrganisationId is { } org)
                {
                    audience = DisclosureAudience.Of(org);
                }
                else if (ParseAudience(request.Audience) is { } wide)
                {
                    audience = wide;
                }
                else
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["Audience"] = ["The audience must be public, resellers or customers (or give an organisation)."],
                    });
                }
                var result = await guard.CheckAsync(request.Text, audience, ct);
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

    private static DisclosureAudience? ParseAudience(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "public" => DisclosureAudience.Public,
        "resellers" => DisclosureAudience.Resellers,
        "customers" => DisclosureAudience.Customers,
        _ => null,
    };
}

using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Disclosure;

/// <param name="Audience">"public" (default), "resellers" or "customers" when no organisation is given.</param>
public sealed record CheckRequest(string? Text, int? AudienceOrganisationId, string? Audience = null);

public sealed record OverrideRequest(string? Text, int? AudienceOrganisationId, int Start, int Length, string? Reason);

/// <param name="Source">The page the text is on (a local path such as "/Releases/3/Notes"); optional.</param>
/// <param name="SourceTitle">What the text is, in words; optional.</param>
public sealed record OverrideAskRequest(string? Text, int? AudienceOrganisationId, int Start, int Length,
    string? Reason,
    string? Source = null, string? SourceTitle = null);

public sealed record OverrideDecisionRequest(string? Comment);

public static class DisclosureApi
{
    public static IServiceCollection AddDisclosure(this IServiceCollection services) =>
        services.AddScoped<DisclosureService>().AddScoped<ReleaseAnnouncements>().AddScoped<OverrideRequests>();

    public static IEndpointRouteBuilder MapDisclosure(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/disclosure/check", CheckAsync).RequireAuthorization(Policies.Staff).WithTags("Disclosure");
        app.MapPost("/api/disclosure/overrides", async (OverrideRequest? request, DisclosureService guard,
            ClaimsPrincipal user,
                CancellationToken ct) => (request?.Text is null
                    ? Outcome<DisclosureCheckResult>.Invalid("text", "Send the text the finding is in.")
                    : await guard.OverrideAsync(request.Text, request.AudienceOrganisationId, request.Start,
                        request.Length,
                        request.Reason, user.UserId(), ct)).ToOkOrRefused())
            .RequireAuthorization(Policies.Lead).WithTags("Disclosure");

        var requests = app.MapGroup("/api/disclosure/override-requests").RequireAuthorization(Policies.Staff)
            .WithTags("Disclosure");
        requests.MapGet("/", async (bool? mine, OverrideRequests r, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await r.ListAsync(mine == true || !IsLead(user) ? user.UserId() : null, ct)));
        requests.MapGet("/{id:int}", async (int id, OverrideRequests r, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var outcome = await r.GetAsync(id, ct);
            // Someone who is not a lead sees only their own requests.
            return outcome.IsOk && !IsLead(user) && outcome.Value!.RequestedByUserId != user.UserId()
                ? Outcome<OverrideRequestView>.NotFound().ToResults()
                : outcome.ToResults();
        });
        requests.MapPost("/", async (OverrideAskRequest? request, OverrideRequests r, ClaimsPrincipal user,
            CancellationToken ct) =>
            (request?.Text is null
                ? Outcome<OverrideRequestView>.Invalid("text", "Send the text the passage is in.")
                : await r.AskAsync(new OverrideAsk(request.Text, request.AudienceOrganisationId, request.Start,
                    request.Length,
                    request.Reason, request.Source ?? "/Disclosure", request.SourceTitle
                        ?? "A text checked through the API"),
                    user.UserId(), ct))
                .ToCreatedOrRefused(v => $"/api/disclosure/override-requests/{v.Id}"));
        var decide = app.MapGroup("/api/disclosure/override-requests").RequireAuthorization(Policies.Lead)
            .WithTags("Disclosure");
        decide.MapPost("/{id:int}/allow", async (int id, OverrideDecisionRequest? request, OverrideRequests r,
            ClaimsPrincipal user,
            CancellationToken ct) => (await r.DecideAsync(id, true, request?.Comment, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        decide.MapPost("/{id:int}/decline", async (int id, OverrideDecisionRequest? request, OverrideRequests r,
            ClaimsPrincipal user,
            CancellationToken ct) => (await r.DecideAsync(id, false, request?.Comment, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<DisclosureCheckResult>, ValidationProblem>> CheckAsync(CheckRequest? request,
        DisclosureService guard, CancellationToken ct)
    {
        if (request?.Text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string,
                string[]>
            { ["text"] = ["Send the text to check."] });
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
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["audience"] = ["The audience must be public, resellers or customers (or give an organisation)."],
            });
        }
        var result = await guard.CheckAsync(request.Text, audience, ct);
        return result.Status == Domain.Disclosure.DisclosureStatus.Refused
            ? TypedResults.ValidationProblem(new Dictionary<string,
                string[]>
            { ["text"] = [result.RefusalReason ?? "The text was refused."] })
            : TypedResults.Ok(result);
    }

    private static bool IsLead(ClaimsPrincipal user) => user.IsInRole(Data.Identity.Roles.Lead)
        || user.IsInRole(Data.Identity.Roles.Admin);

    private static DisclosureAudience? ParseAudience(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "public" => DisclosureAudience.Public,
        "resellers" => DisclosureAudience.Resellers,
        "customers" => DisclosureAudience.Customers,
        _ => null,
    };
}

using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Calendar;

/// <summary>ICS calendar feeds of release tasks: services and HTTP endpoints.</summary>
public static class CalendarFeedsApi
{
    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services) =>
        services.AddScoped<CalendarFeeds>();

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/calendar-feeds").RequireAuthorization(Policies.Staff).WithTags("Calendar");
        feeds.MapGet("/", async (CalendarFeeds f, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await f.ListAsync(user.UserId(), ct)));
        feeds.MapPost("/", async (FeedInput? input, CalendarFeeds f, ClaimsPrincipal user, CancellationToken ct) =>
            (await f.CreateAsync(user.UserId(), input ?? new FeedInput(null, null), ct))
                .ToCreatedOrRefused(c => c.Path));
        feeds.MapDelete("/{id:int}", async (int id, CalendarFeeds f, ClaimsPrincipal user, CancellationToken ct) =>
            (await f.RevokeAsync(user.UserId(), id, ct)).ToResults());

        // The deliberate anonymous route: calendar clients cannot sign in; the secret token is the key.
        app.MapGet("/calendar/{token}.ics", async Task<Results<ContentHttpResult, NotFound>> (string token,
            CalendarFeeds f, HttpContext http, CancellationToken ct) =>
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
}

using Microsoft.AspNetCore.Antiforgery;

namespace Liftoff.Web.Infrastructure.Auth;

/// <summary>
/// A browser sends the sign-in cookie with any request, also one a page on another site or port makes.
/// So an API call that changes something and is signed in by cookie must come from the same origin and
/// carry the antiforgery token in the X-CSRF-TOKEN header (as the app's own htmx requests do). Calls with
/// an API token (Authorization: Bearer) carry no ambient credentials and are left as they are.
/// </summary>
public static class ApiForgeryProtection
{
    public static IApplicationBuilder UseApiForgeryProtection(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (NeedsCheck(ctx))
            {
                if (!SameOrigin(ctx))
                {
                    await RefuseAsync(ctx, StatusCodes.Status403Forbidden, "Requests from another site are refused.");
                    return;
                }
                var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(ctx))
                {
                    await RefuseAsync(ctx, StatusCodes.Status400BadRequest,
                        "Send the antiforgery token in the X-CSRF-TOKEN header, or call the API with an API token.");
                    return;
                }
            }
            await next();
        });

    private static bool NeedsCheck(HttpContext ctx)
    {
        var method = ctx.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || HttpMethods.IsTrace(method);
        return !safe
            && (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/openapi"))
            && ctx.User.Identity?.IsAuthenticated == true
            && !ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Clients that send no Origin (scripts, old browsers on same-origin requests) still need the token.
    /// </summary>
    private static bool SameOrigin(HttpContext ctx)
    {
        var origin = ctx.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }
        var links = ctx.RequestServices.GetRequiredService<Web.PublicLinks>().BaseUri;
        return Matches(uri, ctx.Request.Scheme, ctx.Request.Host.Host, ctx.Request.Host.Port)
            || Matches(uri, links.Scheme, links.IdnHost, links.Port);
    }

    private static bool Matches(Uri origin, string scheme, string host, int? port) =>
        string.Equals(origin.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.IdnHost, host, StringComparison.OrdinalIgnoreCase)
        && origin.Port == (port ?? (string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80));

    private static async Task RefuseAsync(HttpContext ctx, int status, string detail)
    {
        ctx.Response.StatusCode = status;
        await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = { Status = status, Title = "Refused", Detail = detail },
        });
    }
}

namespace Liftoff.Web.Infrastructure.Auth;

/// <summary>
/// The one place that keeps read-only API tokens to reading: any request authenticated by such a token with an
/// unsafe method (POST, PUT, PATCH, DELETE, …) gets 403, whatever endpoint or page it is for.
/// </summary>
public static class ReadOnlyTokens
{
    public static IApplicationBuilder UseReadOnlyTokens(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method)
                && !HttpMethods.IsOptions(ctx.Request.Method)
                && ctx.User.HasClaim(ApiTokenAuthenticationHandler.ScopeClaim, "read-only"))
            {
                await TypedResults.Problem(
                        "This API token is read-only: it may read (GET), but not create, change or delete.",
                        statusCode: StatusCodes.Status403Forbidden, title: "Forbidden")
                    .ExecuteAsync(ctx);
                return;
            }
            await next(ctx);
        });
}

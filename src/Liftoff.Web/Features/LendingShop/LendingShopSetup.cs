using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.LendingShop;

public static class LendingShopSetup
{
    public static IServiceCollection AddLendingShop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LendingShopOptions>().Bind(configuration.GetSection(LendingShopOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // No automatic retries in the handler: every attempt is the deliverer's, and each is logged.
        services.AddHttpClient(LendingShopDeliverer.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<LendingShopNotice>();
        services.AddScoped<LendingShopLog>();
        services.AddSingleton<LendingShopDeliverer>();
        services.AddHostedService(sp => sp.GetRequiredService<LendingShopDeliverer>());
        return services;
    }

    public static IEndpointRouteBuilder MapLendingShop(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/releases/{id:int}/lending-shop").WithTags("Lending shop");
        api.MapGet("", async Task<Results<Ok<ReleaseDeliveryView>, NotFound>> (int id, LendingShopLog log,
            CancellationToken ct) =>
            await log.ForReleaseAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .RequireAuthorization(Policies.Staff);
        api.MapPost("/retry", async (int id, LendingShopLog log, LendingShopDeliverer deliverer,
            CancellationToken ct) =>
        {
            var outcome = await log.RetryAsync(id, ct);
            if (outcome.IsOk)
            {
                deliverer.Wake();
            }
            return outcome.ToAccepted($"/api/releases/{id}/lending-shop");
        }).RequireAuthorization(Policies.Lead).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}

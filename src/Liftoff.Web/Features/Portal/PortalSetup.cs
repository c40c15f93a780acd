namespace Liftoff.Web.Features.Portal;

public static class PortalSetup
{
    public static IServiceCollection AddPortal(this IServiceCollection services) =>
        services.AddScoped<PortalRequests>();
}

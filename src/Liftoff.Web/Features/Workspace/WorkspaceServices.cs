namespace Liftoff.Web.Features.Workspace;

/// <summary>The workspace's working calendar: its configured defaults and the store Admins save it in.</summary>
public static class WorkspaceServices
{
    public static IServiceCollection AddWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkingCalendarOptions>().Bind(configuration.GetSection(WorkingCalendarOptions.Section));
        services.AddScoped<WorkspaceCalendarStore>();
        return services;
    }
}

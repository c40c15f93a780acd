namespace Liftoff.Web.Features.ReleaseNotes;

public static class ReleaseNotesSetup
{
    public static IServiceCollection AddReleaseNotes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CustomerTeamsOptions>().Bind(configuration.GetSection(CustomerTeamsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ReleaseNotesEditing>();
        services.AddScoped<ReleaseNotesApproval>();
        services.AddScoped<CustomerTeamsShare>();
        return services;
    }
}

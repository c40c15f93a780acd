using Microsoft.Extensions.Options;

namespace Liftoff.Web.Infrastructure.Email;

public static class EmailSetup
{
    public static IServiceCollection AddLiftoffEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DkimOptions>().Bind(configuration.GetSection(DkimOptions.Section)).ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BounceOptions>().Bind(configuration.GetSection(BounceOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DkimSigning>();
        services.AddSingleton<ReturnPaths>();
        services.AddScoped<Outbox>();
        services.AddSingleton<IEmailTransport>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<EmailOptions>>();
            return string.IsNullOrWhiteSpace(o.Value.SmtpHost)
                ? new PickupDirectoryTransport(o, sp.GetRequiredService<TimeProvider>())
                : new SmtpEmailTransport(o);
        });
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}

using System.Net;
using Liftoff.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Communications;

public static class CommunicationsSetup
{
    public static IServiceCollection AddCommunications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NewsletterOptions>().Bind(configuration.GetSection(NewsletterOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<NewsletterMessageBuilder>();
        services.AddScoped<ContactAdministration>();
        services.AddScoped<NewsletterCampaigns>();
        services.AddScoped<NewsletterDisclosureCheck>();
        services.AddScoped<NewsletterSending>();
        services.AddScoped<NewsletterFollowUp>();
        services.AddScoped<ReleaseNewsletterSchedule>();
        services.AddScoped<NewsletterRecipientCount>();
        services.AddScoped<SuppressionList>();
        services.AddScoped<CampaignReport>();
        services.AddSingleton<BounceParser>();
        services.AddSingleton<BounceMailboxReader>();
        services.AddHostedService(sp => sp.GetRequiredService<BounceMailboxReader>());
        services.AddSingleton<NewsletterSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NewsletterSender>());
        return services;
    }

    public static IEndpointRouteBuilder MapCommunications(this IEndpointRouteBuilder app)
    {
        app.MapSuppressionApi();
        // Deliberately anonymous: recipients follow the link from their mailbox. The protected token is the authority.
        app.MapGet("/unsubscribe/{token}", (string token, UnsubscribeTokens tokens) =>
            tokens.Read(token) is null
                ? Html(HttpStatusCode.BadRequest, "Link not valid",
                    "<p>This unsubscribe link is not valid. Use the link from the newsletter itself.</p>")
                : Html(HttpStatusCode.OK, "Unsubscribe",
                    $"<p>Stop receiving the Liftoff release newsletter at this address?</p><form method=\"post\" " +
                        $"action=\"/unsubscribe/{WebUtility.HtmlEncode(Uri.EscapeDataString(token))}\"><input " +
                            $"type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button " +
                                $"type=\"submit\">Unsubscribe</button></form>"))
            .AllowAnonymous().ExcludeFromDescription();
        // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" without cookies or antiforgery.
        app.MapPost("/unsubscribe/{token}", async (string token, UnsubscribeTokens tokens,
            ContactAdministration contacts, CancellationToken ct) =>
            tokens.Read(token) is { } contactId && await contacts.UnsubscribeAsync(contactId, "one-click unsubscribe",
                ct)
                ? Html(HttpStatusCode.OK, "Unsubscribed",
                    "<p>You are unsubscribed and will not receive further release newsletters.</p>")
                : Html(HttpStatusCode.BadRequest, "Link not valid", "<p>This unsubscribe link is not valid.</p>"))
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static ContentHttpResult Html(HttpStatusCode status, string title, string body) =>
        TypedResults.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · Liftoff</title><link " +
                $"rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"main\" " +
                    $"class=\"container\"><h1>{title}</h1>{body}</main></body></html>",
            "text/html; charset=utf-8", statusCode: (int)status);
}

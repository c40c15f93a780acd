using Liftoff.Web.Infrastructure.Markdown;
using Liftoff.Web.Infrastructure.Web;

namespace Liftoff.Web.Features.KnowledgeBase;

public static class KnowledgeBaseSetup
{
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services)
    {
        services.AddScoped<KbEditing>();
        services.AddScoped<KbPublishing>();
        services.AddScoped<KbQueries>();
        return services;
    }

    public static IEndpointRouteBuilder MapKnowledgeBase(this IEndpointRouteBuilder app)
    {
        // Deliberately anonymous: feed readers cannot sign in. Only public announcements are in it.
        app.MapGet("/kb/announcements.atom", async (PublicLinks links, KbQueries queries, MarkdownRenderer markdown,
            TimeProvider clock, CancellationToken ct) =>
        {
            // The newest 20: each entry is rendered and sanitised, the costly part of the feed.
            var entries = await queries.AnnouncementsAsync(20, ct);
            var xml = KbFeed.Write(entries, links.BaseUrl, clock.GetUtcNow(), markdown);
            return TypedResults.Content(xml, "application/atom+xml; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

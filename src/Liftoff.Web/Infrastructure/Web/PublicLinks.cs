using Microsoft.AspNetCore.HostFiltering;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>
/// The one address the app is reached at, from `App:PublicBaseUrl`. Feeds, emails and unsubscribe
/// links are built from it, never from the request's Host header, which a client chooses.
/// </summary>
public sealed class PublicLinks
{
    public const string Setting = "App:PublicBaseUrl";
    private const string Fallback = "http://127.0.0.1:5080";

    public PublicLinks(IConfiguration configuration)
    {
        // Newsletter:PublicBaseUrl was the older name of this setting; it still counts.
        var configured = configuration[Setting] ?? configuration["Newsletter:PublicBaseUrl"]
            ?? FirstListenUrl(configuration) ?? Fallback;
        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException(
                $"{Setting} must be an absolute http or https address, e.g. https://liftoff.example.com; "
                + $"it is '{configured}'.");
        }
        BaseUri = uri;
        BaseUrl = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public Uri BaseUri { get; }

    /// <summary>Without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>An absolute address for an app path such as "/Tasks/5".</summary>
    public string To(string path) => BaseUrl + "/" + path.TrimStart('/');

    /// <summary>
    /// Without an explicit `AllowedHosts`, only the host names the app is configured with are accepted
    /// (and loopback, for `dotnet run`), so a forged Host header is refused before it reaches a page.
    /// </summary>
    public static void DefaultAllowedHosts(
        HostFilteringOptions options, IConfiguration configuration, PublicLinks links)
    {
        if (!string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
        {
            return;
        }
        var hosts = new List<string> { links.BaseUri.IdnHost, "localhost", "127.0.0.1", "[::1]" };
        foreach (var url in ListenUrls(configuration))
        {
            if (Uri.TryCreate(Parsable(url), UriKind.Absolute, out var listen)
                && listen.Host is not ("wildcard" or "0.0.0.0" or "[::]"))
            {
                hosts.Add(listen.IdnHost);
            }
        }
        options.AllowedHosts = hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// A warning for the operator when no public address is configured and the app listens beyond loopback:
    /// the links in emails then name an address that may not be the one people use.
    /// </summary>
    public static string? Warning(IConfiguration configuration, PublicLinks links)
    {
        if (configuration[Setting] is not null || configuration["Newsletter:PublicBaseUrl"] is not null)
        {
            return null;
        }
        var beyondLoopback = ListenUrls(configuration).Any(u =>
            !Uri.TryCreate(Parsable(u), UriKind.Absolute, out var listen) || !listen.IsLoopback);
        return beyondLoopback
            ? $"{Setting} is not set, so links in emails, feeds and unsubscribe links point to {links.BaseUrl}. "
                + "Set it to the address people reach Liftoff at, e.g. https://liftoff.example.com."
            : null;
    }

    /// <summary>The first listen address, with the machine's name for a wildcard host
    /// ("http://0.0.0.0:8080").</summary>
    private static string? FirstListenUrl(IConfiguration configuration)
    {
        var first = ListenUrls(configuration).FirstOrDefault();
        if (first is null || !Uri.TryCreate(Parsable(first), UriKind.Absolute, out var listen))
        {
            return first;
        }
        return listen.Host is "wildcard" or "0.0.0.0" or "[::]"
            ? new UriBuilder(listen) { Host = System.Net.Dns.GetHostName() }.Uri.GetLeftPart(UriPartial.Authority)
            : first;
    }

    private static string Parsable(string url) =>
        url.Replace("://*", "://wildcard", StringComparison.Ordinal)
            .Replace("://+", "://wildcard", StringComparison.Ordinal);

    private static string[] ListenUrls(IConfiguration configuration) =>
        (configuration["Urls"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

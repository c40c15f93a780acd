using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Markdown;
using Liftoff.Web.Infrastructure.Seed;
using Liftoff.Web.Infrastructure.Uploads;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Scalar.AspNetCore;

namespace Liftoff.Web.Infrastructure.Web;

public static class WebSetup
{
    public static IServiceCollection AddLiftoffWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PublicLinks>();
        services.AddOptions<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>()
            .PostConfigure<IConfiguration, PublicLinks>((o, config, links) =>
                PublicLinks.DefaultAllowedHosts(o, config, links));
        services.AddHttpContextAccessor();
        // Enums travel as their names ("Released"), which scripts can read and write.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddScoped<AuditLog>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoContent>();
        services.AddScoped<PickLists>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            ApiErrors.UseJsonNames(ctx);
        });
        services.AddApiErrors();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/Users", Policies.Admin);
            o.Conventions.AuthorizeFolder("/Audit", Policies.Admin);
            o.Conventions.AuthorizeFolder("/Portal", Policies.Portal);
        }).AddMvcOptions(o => o.Filters.Add<UnknownPageHandlerFilter>())
            // Validation is server-side only; client validation would make every validation summary
            // carry an inline style (a hidden list item) that the Content-Security-Policy refuses.
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "liftoff.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddOpenApi(ApiDocumentation.Configure);
        services.AddHealthChecks();
        services.AddUploadLimits();
        return services;
    }

    public static WebApplication UseLiftoffWeb(this WebApplication app)
    {
        // API callers get ProblemDetails with a trace id; people get a page. Never a stack trace.
        app.UseWhen(ctx => IsApi(ctx.Request), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(ctx => !IsApi(ctx.Request), pages =>
        {
            pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Status", "?code={0}");
        });
        // Browsers apply form-action to the redirect after a form post: single sign-on posts, then goes to the
        // provider.
        var formAction = app.Services.GetRequiredService<OpenIdConnectSettings>().FormActionSource;
        var csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
            $"frame-ancestors 'none'; form-action 'self'{formAction}; base-uri 'self'";
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            h.ContentSecurityPolicy = csp;
            // The API reference's inline script and styles are allowed by nonce and hash, nothing else inline.
            ctx.Response.OnStarting(() =>
            {
                if (ctx.Items[ApiReferencePolicy.NonceKey] is string nonce)
                {
                    ctx.Response.Headers.ContentSecurityPolicy = ApiReferencePolicy.For(csp, nonce);
                }
                return Task.CompletedTask;
            });
            await next();
        });
        app.Use(WithLanguageAsync);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseReadOnlyTokens();
        app.UseAuthorization();
        app.UseApiForgeryProtection();
        app.UseAntiforgery();
        PrintAddressOnStart(app);
        return app;
    }

    public static WebApplication MapLiftoffShell(this WebApplication app)
    {
        app.MapRazorPages();
        PickLists.MapPickers(app);
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(Policies.Staff);
        app.MapScalarApiReference("/api/docs", o =>
        {
            o.WithTitle("Liftoff API");
            o.DynamicNonce = true;
            // Fonts from the library's own servers would be refused by the policy (and leak the visit).
            o.DefaultFonts = false;
            // Keeps the line numbers of code examples within the policy (see the script); darker text colours.
            o.AddHeadContent("<script src=\"/js/api-reference.js\"></script>"
                + "<link rel=\"stylesheet\" href=\"/css/api-reference.css\">");
        }).RequireAuthorization(Policies.Staff);
        app.MapFallback("/api/{**rest}", ApiErrors.Unmatched).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// `dotnet run` starts in the directory it was called from, so ./data/ lands there; settings and
    /// pages are then found next to the binary instead.
    /// </summary>
    public static string? ContentRoot() =>
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? null
            : AppContext.BaseDirectory;

    /// <summary>
    /// The API reference's page is written by the library without a language on its html element; screen
    /// readers need it, so the page gets lang="en" like every other page.
    /// </summary>
    private static async Task WithLanguageAsync(HttpContext ctx, RequestDelegate next)
    {
        var path = ctx.Request.Path.Value?.TrimEnd('/');
        if (!HttpMethods.IsGet(ctx.Request.Method) || !string.Equals(path, "/api/docs",
            StringComparison.OrdinalIgnoreCase))
        {
            await next(ctx);
            return;
        }
        var original = ctx.Response.Body;
        await using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        finally
        {
            ctx.Response.Body = original;
        }
        var bytes = buffer.ToArray();
        if (ctx.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = System.Text.Encoding.UTF8.GetString(bytes);
            if (html.Contains("<html>", StringComparison.OrdinalIgnoreCase))
            {
                html = System.Text.RegularExpressions.Regex.Replace(html, "<html>", "<html lang=\"en\">",
                    System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
                bytes = System.Text.Encoding.UTF8.GetBytes(html);
            }
        }
        ctx.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, ctx.RequestAborted);
    }

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    private static void PrintAddressOnStart(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses =
                app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features
                    .Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is { Count: > 0 })
            {
                Console.WriteLine($"Liftoff is running at {string.Join(", ", addresses)}");
            }
        });
    }
}

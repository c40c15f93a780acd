using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>
/// How the API answers input it cannot read: a ProblemDetails in the caller's words, naming the JSON
/// property (camelCase, as sent) rather than a C# parameter; never a 500 and never an empty 400.
/// </summary>
public static partial class ApiErrors
{
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        // Minimal APIs throw on unreadable input so the handler below can say what was wrong with it.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadInputHandler>();
        return services;
    }

    /// <summary>Validation error keys name the JSON properties a client sent ("customerMarkdown").</summary>
    public static void UseJsonNames(ProblemDetailsContext ctx)
    {
        if (ctx.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            var renamed = validation.Errors.GroupBy(e => JsonName(e.Key))
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
            validation.Errors.Clear();
            foreach (var (key, messages) in renamed)
            {
                validation.Errors[key] = messages;
            }
        }
    }

    public static string JsonName(string key) =>
        string.Join('.', key.Split('.').Select(part => JsonNamingPolicy.CamelCase.ConvertName(part)));

    /// <summary>
    /// The answer for an /api address no endpoint took. When an endpoint exists there for this method but
    /// refused the request's content type, the answer is 415 and names the type it takes; otherwise 404.
    /// </summary>
    public static async Task<IResult> Unmatched(HttpContext ctx, EndpointDataSource endpoints,
        IAuthorizationPolicyProvider policies,
        IAuthorizationService authorization)
    {
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { ContentTypes.Count: > 0 } accepts
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods
                || !methods.HttpMethods.Contains(ctx.Request.Method, StringComparer.OrdinalIgnoreCase)
                || !new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), []).TryMatch(ctx.Request.Path, []))
            {
                continue;
            }
            // Say nothing about an endpoint to a caller who may not use it.
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                var policy = await AuthorizationPolicy.CombineAsync(policies,
                    endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
                    ?? await policies.GetFallbackPolicyAsync();
                if (policy is not null && !(await authorization.AuthorizeAsync(ctx.User, policy)).Succeeded)
                {
                    return ctx.User.Identity?.IsAuthenticated == true
                        ? TypedResults.Problem("You may not use this endpoint.",
                            statusCode: StatusCodes.Status403Forbidden)
                        : TypedResults.Problem("Sign in, or send an API token as a bearer token.",
                            statusCode: StatusCodes.Status401Unauthorized);
                }
            }
            var sent = string.IsNullOrEmpty(ctx.Request.ContentType) ? "no content type" : ctx.Request.ContentType;
            return TypedResults.Problem(
                $"This endpoint takes {string.Join(" or ", accepts.ContentTypes)}; the request was sent as {sent}. " +
                "Set the Content-Type header accordingly.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
        }
        return TypedResults.Problem("No such API endpoint.", statusCode: StatusCodes.Status404NotFound);
    }

    private sealed partial class BadInputHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad || !WebSetup.IsApi(ctx.Request))
            {
                return false;
            }
            ctx.Response.StatusCode = bad.StatusCode;
            var (field, message) = Explain(bad);
            var details = new HttpValidationProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read"
            };
            if (bad.StatusCode == StatusCodes.Status400BadRequest)
            {
                details.Errors[field] = [message];
            }
            details.Detail = message;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx,
                ProblemDetails = details,
                Exception = null
            });
        }

        private static (string Field, string Message) Explain(BadHttpRequestException bad)
        {
            if (bad.InnerException is JsonException { Path: { Length: > 1 } path })
            {
                var field = path.TrimStart('$').TrimStart('.');
                return (field,
                    $"The value of \"{field}\" is not valid: see the API reference at /api/docs/ for its type.");
            }
            if (bad.InnerException is JsonException)
            {
                return ("", "The request body is not valid JSON.");
            }
            if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                return ("", "Send the request body as JSON (Content-Type: application/json).");
            }
            if (BodyMissing().IsMatch(bad.Message))
            {
                return ("",
                    "A request body is required: send the JSON object described in the API reference at /api/docs/.");
            }
            if (BindFailed().Match(bad.Message) is { Success: true } m)
            {
                return (JsonName(m.Groups["name"].Value),
                    $"\"{m.Groups["value"].Value}\" is not a valid value for {JsonName(m.Groups["name"].Value)}.");
            }
            if (RequiredMissing().Match(bad.Message) is { Success: true } r)
            {
                return (JsonName(r.Groups["name"].Value), $"Give {JsonName(r.Groups["name"].Value)}.");
            }
            return ("", "The request could not be read: check it against the API reference at /api/docs/.");
        }

        [GeneratedRegex("body|Implicit body", RegexOptions.IgnoreCase)]
        private static partial Regex BodyMissing();

        [GeneratedRegex("Failed to bind parameter \"\\S+ (?<name>[^\"]+)\" from \"(?<value>[^\"]*)\"")]
        private static partial Regex BindFailed();

        [GeneratedRegex("Required parameter \"\\S+ (?<name>[^\"]+)\" was not provided")]
        private static partial Regex RequiredMissing();
    }
}

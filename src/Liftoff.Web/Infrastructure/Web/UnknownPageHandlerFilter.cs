using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>
/// Razor Pages runs the unnamed handler (`OnGet`, `OnPost`) for a handler name it does not know, and
/// renders the page without running any handler when there is none (`?handler=bogus` on a page with
/// only named POST handlers, or a POST to a page without `OnPost`); the page then reads a model that
/// was never loaded and fails. Such a request asks for something that is not there: 404, for every page.
/// A GET may still fall back to `OnGet`: reloading the address a form was posted to shows the page.
/// </summary>
public sealed class UnknownPageHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!ReExecuted(context.HttpContext) && !Matches(context))
        {
            context.Result = new NotFoundResult();
            return Task.CompletedTask;
        }
        return next();
    }

    private static bool Matches(PageHandlerExecutingContext context)
    {
        var http = context.HttpContext;
        var name = http.GetRouteValue("handler")?.ToString() is { Length: > 0 } routed
            ? routed
            : http.Request.Query["handler"].ToString();
        var readOnly = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        if (name.Length > 0)
        {
            return readOnly
                ? context.HandlerMethod is not null
                : string.Equals(context.HandlerMethod?.Name, name, StringComparison.OrdinalIgnoreCase);
        }
        return context.HandlerMethod is not null || readOnly || context.ActionDescriptor.HandlerMethods.Count == 0;
    }

    /// <summary>The error and status pages are re-executed with the failed request's method and route.</summary>
    private static bool ReExecuted(HttpContext http) =>
        http.Features.Get<IExceptionHandlerPathFeature>() is not null
        || http.Features.Get<IStatusCodeReExecuteFeature>() is not null;
}

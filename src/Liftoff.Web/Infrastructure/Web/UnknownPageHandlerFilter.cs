using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>
/// Razor Pages renders a page without running any handler when the requested handler does not
/// exist (`?handler=bogus`, or a POST to a page without `OnPost`); the page then reads a model that
/// was never loaded and fails. Such a request asks for something that is not there: 404, for every page.
/// </summary>
public sealed class UnknownPageHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && AsksForAHandler(context.HttpContext, context.ActionDescriptor.HandlerMethods.Count))
        {
            context.Result = new NotFoundResult();
            return Task.CompletedTask;
        }
        return next();
    }

    private static bool AsksForAHandler(HttpContext http, int handlerCount)
    {
        // The error and status pages are re-executed with the failed request's method and route.
        if (http.Features.Get<IExceptionHandlerPathFeature>() is not null
            || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return false;
        }
        var named = !string.IsNullOrEmpty(http.GetRouteValue("handler")?.ToString())
            || !string.IsNullOrEmpty(http.Request.Query["handler"].ToString());
        var readOnly = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        return named || (!readOnly && handlerCount > 0);
    }
}

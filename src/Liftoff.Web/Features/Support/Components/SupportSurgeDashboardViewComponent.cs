using Microsoft.AspNetCore.Mvc;

namespace Liftoff.Web.Features.Support;

/// <summary>The dashboard card: releases inside their surge window with today's status and alerts.</summary>
public sealed class SupportSurgeDashboardViewComponent(SurgeForecasts forecasts) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Features/Support/Components/SupportSurgeDashboard.cshtml",
            await forecasts.ActiveAsync(HttpContext.RequestAborted));
}

using Microsoft.AspNetCore.Mvc;

namespace Liftoff.Web.Features.Support;

/// <summary>
/// The release-week staffing figure for a release page:
/// <c>@await Component.InvokeAsync(typeof(ReleaseWeekStaffingViewComponent), new { releaseId })</c>.
/// </summary>
public sealed class ReleaseWeekStaffingViewComponent(SurgeForecasts forecasts) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int releaseId) =>
        await forecasts.ForReleaseAsync(releaseId, HttpContext.RequestAborted) is { } surge
            ? View("/Features/Support/Components/ReleaseWeekStaffing.cshtml", surge)
            : Content("");
}

using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Platform;
using Liftoff.Web.Features.Support;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Support;

public sealed class SurgeForecastTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task ForecastPage_ReleaseWithHistory_RendersAccessibleChartTableAndStaffing()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var release = new DateOnly(2025, 6, 2);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/support/ticket-volume",
            SupportTestData.QuietWeeks(release))).StatusCode);
        var id = await SupportTestData.CreateReleaseAsync(factory, release, significant: true);

        var html = await client.GetStringAsync($"/Support/Release/{id}");

        Assert.Contains("role=\"img\"", html);
        Assert.Contains("<title id=\"surge-" + id + "-title\">", html);
        Assert.Contains("<desc id=\"surge-" + id + "-desc\">", html);
        Assert.Contains("class=\"band\"", html);
        Assert.Contains("<caption>Tickets per day in the surge window", html);
        Assert.Equal(14, System.Text.RegularExpressions.Regex.Count(html,
            "<th scope=\"row\">[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} 2025</th>"));
        // Default uplift 40 % on release day over a baseline of 20: 8 extra tickets, 2 hours at 4 tickets an hour.
        Assert.Contains("Extra support hours in release week", html);
        Assert.Contains("<td>8</td>", html);
        Assert.Contains("the default uplift of 40 % is used", html);
    }

    [Fact]
    public async Task ForecastApi_UnknownRelease_IsNotFound()
    {
        var api = await factory.TokenClientAsync(Roles.Staff);

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/support/releases/999999/forecast")).StatusCode);
    }

    [Fact]
    public async Task AlertCheck_TwoDaysAboveBand_EmailsCustomerSuccessLeadOnceAndShowsOnDashboard()
    {
        var lead = await SupportTestData.EnsureCustomerSuccessLeadAsync(factory);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var release = Today.AddDays(-4);
        var id = await SupportTestData.CreateReleaseAsync(factory, release, significant: false, surgeDays: 14);
        var surge = Enumerable.Range(0, 3).Select(d => (object)new
        {
            date = release.AddDays(d).ToString("yyyy-MM-dd"),
            channel = "email",
            count = 200
        });

        // The push checks alerts as soon as the data arrives; the periodic check then finds nothing new.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/support/ticket-volume",
            SupportTestData.QuietWeeks(release).Concat(surge))).StatusCode);
        var again = await factory.WithScopeAsync(sp => sp.GetRequiredService<SurgeAlertCheck>().RunAsync());
        await factory.Services.GetRequiredService<OutboxSender>().ProcessDueAsync();

        Assert.Equal(0, again);
        var messages = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Kind == SurgeAlertCheck.Kind && m.DeduplicationKey!.StartsWith(
                $"{SurgeAlertCheck.Kind}:{id}:")).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal(lead.Email, message.ToAddress);
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Contains("above the forecast band for 3 days running", message.TextBody);

        var dashboard = await (await factory.SignInAsync(lead)).GetStringAsync("/");
        Assert.Contains($"/Support/Release/{id}", dashboard);
        Assert.Contains("Alert: above the band 3 days running", dashboard);
        Assert.Contains("above band", dashboard);
    }
}

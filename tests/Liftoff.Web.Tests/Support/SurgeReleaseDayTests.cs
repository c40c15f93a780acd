using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Support;

/// <summary>The surge follows what happened: planned releases say so, windows start on the day of release.</summary>
public sealed class SurgeReleaseDayTests(SupportClockFactory factory) : IClassFixture<SupportClockFactory>
{
    private static readonly DateOnly Today = SupportClockFactory.Today;

    [Fact]
    public async Task ReleasePage_PlannedRelease_SaysPlannedForAndNotReleased()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var planned = new DateOnly(2027, 1, 29);
        await PushAsync(api, SupportTestData.QuietWeeks(planned));
        var id = await SupportTestData.CreateReleaseAsync(factory, planned, true, status: ReleaseStatus.Planned);

        var html = await client.GetStringAsync($"/Support/Release/{id}");
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/support/releases/{id}/forecast");

        Assert.Contains("planned for Friday 29 January 2027", html);
        Assert.DoesNotContain("Released on", html);
        Assert.DoesNotContain("Released Friday", html);
        Assert.Contains("the planned day; not released yet", html);
        Assert.Equal("Planned", json.GetProperty("status").GetString());
        Assert.Equal("planned for 2027-01-29", json.GetProperty("when").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("releasedOn").ValueKind);
        Assert.Equal("2027-01-29", json.GetProperty("windowStart").GetString());
        Assert.All(json.GetProperty("days").EnumerateArray(),
            d => Assert.Equal(JsonValueKind.Null, d.GetProperty("actual").ValueKind));
    }

    [Fact]
    public async Task ForecastApi_ReleasedTwoDaysAfterPlannedDate_WindowStartsOnTheActualDay()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var planned = new DateOnly(2027, 1, 11);
        // 23:30 UTC on the 12th is already the 13th in Berlin, the support time zone.
        var releasedAt = new DateTimeOffset(2027, 1, 12, 23, 30, 0, TimeSpan.Zero);
        await PushAsync(api, SupportTestData.QuietWeeks(planned));
        var id = await SupportTestData.CreateReleaseAsync(factory, planned, false, 14, releasedAt: releasedAt);

        var json = await api.GetFromJsonAsync<JsonElement>($"/api/support/releases/{id}/forecast");
        var html = await client.GetStringAsync($"/Support/Release/{id}");

        Assert.Equal("Released", json.GetProperty("status").GetString());
        Assert.Equal("released on 2027-01-13", json.GetProperty("when").GetString());
        Assert.Equal("2027-01-11", json.GetProperty("plannedDate").GetString());
        Assert.Equal("2027-01-13", json.GetProperty("releasedOn").GetString());
        Assert.Equal("2027-01-13", json.GetProperty("windowStart").GetString());
        Assert.Equal("2027-01-26", json.GetProperty("windowEnd").GetString());
        Assert.Equal("2027-01-13", json.GetProperty("days")[0].GetProperty("date").GetString());
        Assert.Contains("Released on Wednesday 13 January 2027 (planned for 11 January)", html);
    }

    [Fact]
    public async Task ForecastPage_UpliftLearning_IgnoresPlannedAndUncountedReleasesAndSaysHowMany()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var counted = new DateOnly(2025, 3, 4);
        var planned = new DateOnly(2025, 4, 8);
        var uncounted = new DateOnly(2025, 5, 6);
        var target = new DateOnly(2025, 6, 10);
        // Quiet weeks before the counted release, a surge in its window, quiet again until 21 April
        // (the planned release's window has counts), then nothing: the uncounted release has none.
        var counts = SupportTestData.QuietWeeks(counted)
            .Concat(Days(counted, counted.AddDays(13), 30))
            .Concat(Days(counted.AddDays(14), new DateOnly(2025, 4, 21), 20));
        await PushAsync(api, counts);
        await SupportTestData.CreateReleaseAsync(factory, counted.AddDays(-1), false, releasedAt: At(counted));
        await SupportTestData.CreateReleaseAsync(factory, planned, false, status: ReleaseStatus.Planned);
        await SupportTestData.CreateReleaseAsync(factory, uncounted, false, releasedAt: At(uncounted));
        var id = await SupportTestData.CreateReleaseAsync(factory, target, false, releasedAt: At(target));

        var html = await client.GetStringAsync($"/Support/Release/{id}");
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/support/releases/{id}/forecast");

        Assert.Contains("Uplift learned from 1 past release with ticket counts", html);
        Assert.Equal(1, json.GetProperty("releasesLearnedFrom").GetInt32());
        Assert.StartsWith("Uplift learned from 1 past release", json.GetProperty("uplift").GetString());
    }

    [Fact]
    public async Task AlertCheck_ReleasedLate_KeysOnTheActualDayAndSkipsReleasesOnlyPlanned()
    {
        var lead = await SupportTestData.EnsureCustomerSuccessLeadAsync(factory);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var releaseDay = Today.AddDays(-4);
        var surge = Days(releaseDay, releaseDay.AddDays(2), 200);
        await PushAsync(api, SupportTestData.QuietWeeks(releaseDay).Concat(surge));
        var released = await SupportTestData.CreateReleaseAsync(factory, releaseDay.AddDays(-2), false, surgeDays: 14,
            releasedAt: At(releaseDay));
        var inProgress = await SupportTestData.CreateReleaseAsync(factory, releaseDay, false, surgeDays: 14,
            status: ReleaseStatus.InProgress);

        await factory.WithScopeAsync(sp => sp.GetRequiredService<SurgeAlertCheck>().RunAsync());

        var keys = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Kind == SurgeAlertCheck.Kind).Select(m => new { m.DeduplicationKey, m.TextBody })
            .ToListAsync());
        var alert = Assert.Single(keys, k => k.DeduplicationKey!.StartsWith($"{SurgeAlertCheck.Kind}:{released}:"));
        Assert.Equal($"{SurgeAlertCheck.Kind}:{released}:AboveBand:2027-01-16", alert.DeduplicationKey);
        Assert.Contains("released on 2027-01-16", alert.TextBody);
        Assert.DoesNotContain(keys, k => k.DeduplicationKey!.StartsWith($"{SurgeAlertCheck.Kind}:{inProgress}:"));

        var dashboard = await (await factory.SignInAsync(lead)).GetStringAsync("/");
        Assert.Contains($"/Support/Release/{released}", dashboard);
        Assert.Contains("day 5 of 14", dashboard);
        Assert.DoesNotContain($"/Support/Release/{inProgress}\"", dashboard);
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

    private static IEnumerable<object> Days(DateOnly from, DateOnly to, int count)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return new { date = d.ToString("yyyy-MM-dd"), channel = "email", count };
        }
    }

    private static async Task PushAsync(HttpClient api, IEnumerable<object> counts) =>
        Assert.Equal(HttpStatusCode.OK,
            (await api.PostAsJsonAsync("/api/support/ticket-volume", counts.ToList())).StatusCode);
}

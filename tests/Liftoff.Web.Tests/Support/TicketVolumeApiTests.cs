using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Support;

public sealed class TicketVolumeApiTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private Task<int> CountAsync(DateOnly from, DateOnly to) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .TicketVolumes.CountAsync(v => v.Date >= from && v.Date <= to));

    [Fact]
    public async Task Push_WithToken_StoresCountsAndWarnsAboutGaps()
    {
        var client = await factory.TokenClientAsync(Roles.Staff);

        var response = await client.PostAsJsonAsync("/api/support/ticket-volume", new[]
        {
            new { date = "2026-07-01", channel = "Email", count = 12 },
            new { date = "2026-07-02", channel = "Email", count = 15 },
            new { date = "2026-07-04", channel = "Email", count = 9 },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("added").GetInt32());
        Assert.Contains("2026-07-03 is missing", body.GetProperty("warnings")[0].GetString());
        Assert.Equal(3, await CountAsync(new(2026, 7, 1), new(2026, 7, 4)));
    }

    [Fact]
    public async Task Push_DuplicateNegativeAndAbsurdCounts_Returns400NamingItemsAndStoresNothing()
    {
        var client = await factory.TokenClientAsync(Roles.Staff);

        var response = await client.PostAsJsonAsync("/api/support/ticket-volume", new[]
        {
            new { date = "2026-08-01", channel = "email", count = 12 },
            new { date = "2026-08-01", channel = "email", count = 13 },
            new { date = "2026-08-02", channel = "email", count = -1 },
            new { date = "2026-08-03", channel = "email", count = 9_000_000 },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("appears twice", errors.GetProperty("counts[1].date")[0].GetString());
        Assert.Contains("negative", errors.GetProperty("counts[2].count")[0].GetString());
        Assert.Contains("plausible maximum", errors.GetProperty("counts[3].count")[0].GetString());
        Assert.Equal(0, await CountAsync(new(2026, 8, 1), new(2026, 8, 3)));
    }

    [Fact]
    public async Task Push_SameBatchTwice_SecondChangesNothing()
    {
        var client = await factory.TokenClientAsync(Roles.Staff);
        var batch = new[] { new { date = "2026-10-01", channel = (string?)null, count = 3 },
            new { date = "2026-10-02", channel = (string?)null, count = 4 } };

        await client.PostAsJsonAsync("/api/support/ticket-volume", batch);
        var second = await (await client.PostAsJsonAsync("/api/support/ticket-volume", batch))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, second.GetProperty("added").GetInt32());
        Assert.Equal(2, second.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Push_WithoutTokenOrAsExternal_IsRefused()
    {
        var anonymous = factory.CreateClient();
        var external = await factory.TokenClientAsync(Roles.External);
        var body = new[] { new { date = "2026-11-01", count = 3 } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/support/ticket-volume", body))
            .StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await external.PostAsJsonAsync("/api/support/ticket-volume", body))
            .StatusCode);
        Assert.Equal(0, await CountAsync(new(2026, 11, 1), new(2026, 11, 1)));
    }
}

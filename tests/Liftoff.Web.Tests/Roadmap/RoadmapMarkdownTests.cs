using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;

namespace Liftoff.Web.Tests.Roadmap;

/// <summary>Item descriptions are Markdown, shown as sanitised HTML on the roadmap pages and in the INTERNAL
/// export.</summary>
public sealed class RoadmapMarkdownTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private const string Description =
        "**Faster sync** for the _field app_.\n\n- offline maps\n- [spec](https://example.com/spec)\n\n" +
        "<script>alert('x')</script><iframe src=\"https://evil.example\"></iframe><img src=\"x\" onerror=\"alert(1)\">";

    [Theory]
    [InlineData("/Roadmap/Item/{id}")]
    [InlineData("/Roadmap/View/hardware")]
    [InlineData("/Roadmap/Export/hardware")]
    public async Task Description_RendersMarkdownWithoutScriptsOrFrames(string page)
    {
        var staff = await factory.CreateUserAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(staff);
        var created = await api.PostAsJsonAsync("/api/roadmap/pages/hardware/items",
            new
            {
                title = "Sync engine " + Guid.NewGuid().ToString("N")[..6],
                codename = "Otter-"
                + Guid.NewGuid().ToString("N")[..6],
                target = "2027-Q3",
                status = "InDevelopment",
                description = Description
            });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var client = await factory.SignInAsync(staff);

        var html = await client.GetStringAsync(page.Replace("{id}", id.ToString(), StringComparison.Ordinal));

        Assert.Contains("<strong>Faster sync</strong>", html);
        Assert.Contains("<em>field app</em>", html);
        Assert.Contains("<li>offline maps</li>", html);
        Assert.Contains("href=\"https://example.com/spec\"", html);
        // The edit box shows the source, encoded; no live script, frame or handler reaches the page.
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("src=\"https://evil.example\"", html);
        Assert.DoesNotContain("onerror=\"", html);
        Assert.Contains("INTERNAL", html);
    }
}

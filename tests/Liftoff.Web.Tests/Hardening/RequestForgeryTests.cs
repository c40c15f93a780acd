using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Backlog.BacklogTestData;

namespace Liftoff.Web.Tests.Hardening;

public sealed partial class RequestForgeryTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private Task<bool> IsActiveAsync(string userId) =>
        factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId)
                .Select(u => u.IsActive).SingleAsync());

    [Fact]
    public async Task CookieApiCall_WithoutAntiforgeryHeader_IsRefusedAndChangesNothing()
    {
        var admin = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin), apiAntiforgery: false);
        var victim = await factory.CreateUserAsync(Roles.Staff);

        var response = await admin.PostAsync($"/api/users/{victim.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await IsActiveAsync(victim.Id));
    }

    [Fact]
    public async Task CookieApiCall_FromAnotherOrigin_IsRefusedEvenWithTheHeader()
    {
        var admin = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));
        var victim = await factory.CreateUserAsync(Roles.Staff);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{victim.Id}/deactivate");
        request.Headers.Add("Origin", "http://localhost:8081");

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(await IsActiveAsync(victim.Id));
    }

    [Fact]
    public async Task CookieApiCall_SameOriginWithHeader_Works()
    {
        var admin = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));
        var victim = await factory.CreateUserAsync(Roles.Staff);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{victim.Id}/deactivate");
        request.Headers.Add("Origin", "http://localhost");

        var response = await admin.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        Assert.False(await IsActiveAsync(victim.Id));
    }

    [Fact]
    public async Task BearerApiCall_NeedsNoAntiforgeryHeader()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        var victim = await factory.CreateUserAsync(Roles.Staff);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{victim.Id}/deactivate");
        request.Headers.Add("Origin", "http://elsewhere.example");

        var response = await admin.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        Assert.False(await IsActiveAsync(victim.Id));
    }

    [Fact]
    public async Task RoadmapItemPage_LinkAndUnlinkForms_Work()
    {
        var staff = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Staff));
        var api = await factory.TokenClientAsync(Roles.Staff);
        var org = await factory.CreateOrganisationAsync();
        var request = await CreateRequestAsync(api, "Linked from the item page", org, "kim@customer.example");
        var item = await CreateRoadmapItemAsync(factory, $"Item {Guid.NewGuid():N}"[..13]);
        var itemUrl = $"/Roadmap/Item/{item}";

        var fields = new Dictionary<string, string> { ["ItemId"] = $"{item}", ["RequestId"] = $"{request.Id}" };
        var link = await PostPageFormAsync(staff, itemUrl, "Link", new(fields));
        var linkedPage = await staff.GetStringAsync(itemUrl);
        var unlink = await PostPageFormAsync(staff, itemUrl, "Unlink", new(fields));
        var unlinkedPage = await staff.GetStringAsync(itemUrl);

        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Contains($"Unlink #{request.Id}", linkedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, unlink.StatusCode);
        Assert.DoesNotContain($"Unlink #{request.Id}", unlinkedPage, StringComparison.Ordinal);
    }

    /// <summary>Posts the form whose action ends in the handler, with the token the page put into that form.</summary>
    private static async Task<HttpResponseMessage> PostPageFormAsync(
        HttpClient client, string pageUrl, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(pageUrl);
        var form = FormPattern().Matches(html).Select(m => m.Value)
            .First(f => f.Contains($"handler={handler}\"", StringComparison.Ordinal));
        fields["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value;
        return await client.PostAsync($"/Backlog/RoadmapLinks?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

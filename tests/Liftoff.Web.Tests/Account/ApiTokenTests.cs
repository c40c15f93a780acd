using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Tests.Account;

public sealed class ApiTokenTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task CreateToken_ThroughApi_WorksAsBearerAndIsStoredHashed()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var cookieClient = await factory.SignInAsync(user);
        var json = await cookieClient.GetStringAsync("/Account/Tokens");
        Assert.Contains("Personal API tokens", json);
        var tokenClient = await factory.TokenClientAsync(user);

        var created = await tokenClient.PostAsJsonAsync("/api/tokens", new { name = "deploy script" });
        var token = (await created.Content.ReadFromJsonAsync<CreatedToken>())!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fresh = factory.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        var me = await fresh.GetFromJsonAsync<MeView>("/api/me");
        Assert.Equal(user.Email, me!.Email);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .ApiTokens.SingleAsync(t => t.Id == token.Id));
        Assert.NotEqual(token.Token, stored.TokenHash);
        Assert.Equal(ApiTokenService.Hash(token.Token), stored.TokenHash);
    }

    [Fact]
    public async Task RevokedToken_IsRefused()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var client = await factory.TokenClientAsync(user);
        var tokens = await client.GetFromJsonAsync<List<TokenView>>("/api/tokens");

        var revoke = await client.DeleteAsync($"/api/tokens/{tokens![0].Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Token_OfDeactivatedUser_IsRefused()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var client = await factory.TokenClientAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        var admin = await factory.TokenClientAsync(Roles.Admin);
        var deactivate = await admin.PostAsync($"/api/users/{user.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task GarbageToken_IsUnauthorizedWithProblemDetails()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lft_not-a-real-token");

        var response = await client.GetAsync("/api/teams");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RevokeToken_OfAnotherUser_IsNotFound()
    {
        var owner = await factory.TokenClientAsync(Roles.Staff);
        var ownerTokens = await owner.GetFromJsonAsync<List<TokenView>>("/api/tokens");
        var other = await factory.TokenClientAsync(Roles.Staff);

        var response = await other.DeleteAsync($"/api/tokens/{ownerTokens![0].Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task TokenCaller_HasTheClaimsOfASignIn_PlusTheScope()
    {
        var user = await factory.CreateUserAsync(Roles.Lead);
        var (fromSignIn, fromToken) = await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var entity = (await users.FindByIdAsync(user.Id))!;
            await users.AddToRoleAsync(entity, Roles.Staff);
            await users.AddClaimAsync(entity, new Claim("department", "delivery"));
            var signIn = await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(entity);
            var tokens = sp.GetRequiredService<ApiTokenService>();
            var created = await tokens.CreateAsync(user.Id, "claims");
            var resolved = (await tokens.ResolveAsync(created.Token))!;
            var options = sp.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
            return (signIn, ApiTokenAuthenticationHandler.Principal(resolved, options));
        });

        var expected = fromSignIn.Claims.Select(c => (c.Type, c.Value)).Order().ToList();
        var actual = fromToken.Claims.Where(c => c.Type != ApiTokenAuthenticationHandler.ScopeClaim)
            .Select(c => (c.Type, c.Value)).Order().ToList();
        Assert.Equal(expected, actual);
        Assert.Contains(("department", "delivery"), actual);
        Assert.True(fromToken.IsInRole(Roles.Lead) && fromToken.IsInRole(Roles.Staff));
        Assert.Equal("read-write", fromToken.FindFirst(ApiTokenAuthenticationHandler.ScopeClaim)?.Value);
        Assert.Equal(fromSignIn.Identity!.Name, fromToken.Identity!.Name);
    }
}

using System.Security.Claims;
using Liftoff.Data;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Home;

/// <summary>Whether the daily "Waiting for you" email is on.</summary>
public sealed record DigestSetting(bool Enabled);

public static class InboxApi
{
    public static IServiceCollection AddHome(this IServiceCollection services) =>
        services.AddScoped<WaitingForYou>().AddScoped<InboxDigest>()
            .AddScoped<IReminderPassStep>(sp => sp.GetRequiredService<InboxDigest>());

    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").RequireAuthorization(Policies.Staff).WithTags("Home");
        me.MapGet("/inbox", async Task<Ok<IReadOnlyList<InboxItem>>> (WaitingForYou inbox, ClaimsPrincipal user,
                CancellationToken ct) =>
            TypedResults.Ok(await inbox.ForAsync(user.UserId(), ct)))
            .WithSummary("What waits on the signed-in person, each with the page where it is done");
        me.MapGet("/digest", async Task<Results<Ok<DigestSetting>, NotFound>> (AppDbContext db, ClaimsPrincipal user,
                CancellationToken ct) =>
            await Setting(db, user.UserId()).FirstOrDefaultAsync(ct) is { } s
                ? TypedResults.Ok(s)
                : TypedResults.NotFound());
        me.MapPut("/digest", async Task<Results<Ok<DigestSetting>, NotFound>> (
            DigestSetting setting, AppDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            await SetDigestAsync(db, user.UserId(), setting.Enabled, ct)
                ? TypedResults.Ok(setting) : TypedResults.NotFound())
            .WithSummary("Switch the daily \"Waiting for you\" email on or off");
        return app;
    }

    public static async Task<bool> SetDigestAsync(AppDbContext db, string userId, bool enabled, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.InboxDigest, enabled), ct) == 1;

    public static IQueryable<DigestSetting> Setting(AppDbContext db, string userId) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new DigestSetting(u.InboxDigest));
}

using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Audit;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Platform;

public sealed class AuditLogTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task AuditPage_FilterByAction_ShowsOnlyMatchingEntries()
    {
        var staff = await factory.CreateUserAsync(Roles.Staff);
        await factory.SignInAsync(staff);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var html = await admin.GetStringAsync("/Audit?Action=user.sign-in&Actor=" + Uri.EscapeDataString(staff.Email));

        Assert.Contains(staff.Email, html);
        Assert.Contains("user.sign-in", html);
    }

    [Fact]
    public async Task AuditApi_Filter_ReturnsNewestFirst()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        await admin.PostAsJsonAsync("/api/teams", new { name = "Audit A" });
        await admin.PostAsJsonAsync("/api/teams", new { name = "Audit B" });

        var page = await admin.GetFromJsonAsync<AuditPage>("/api/audit?action=team.created");

        Assert.Equal(["Audit B", "Audit A"], page!.Entries.Select(e => e.Details).Take(2));
    }

    [Fact]
    public async Task AuditEntries_CannotBeChangedOrDeleted()
    {
        await factory.CreateUserAsync(Roles.Staff);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.AuditEntries.Add(new Liftoff.Data.Platform.AuditEntry
            {
                Action = "test.entry",
                At = DateTimeOffset.UtcNow,
                ActorName = "test"
            });
            await db.SaveChangesAsync();
            var entry = await db.AuditEntries.FirstAsync(a => a.Action == "test.entry");
            entry.Details = "tampered";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
    }
}

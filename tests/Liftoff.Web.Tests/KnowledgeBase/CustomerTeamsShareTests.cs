using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.KnowledgeBase.KbTestSupport;

namespace Liftoff.Web.Tests.KnowledgeBase;

public sealed class CustomerTeamsShareTests : IAsyncLifetime
{
    private const string TeamsAddress = "customer-teams@company.test";
    private readonly TestSmtpServer _smtp = new();
    private ShareFactory _factory = null!;

    private sealed class ShareFactory(int port) : LiftoffFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpSecurity", "None");
            builder.UseSetting("Communications:CustomerTeamsAddress", TeamsAddress);
        }
    }

    public Task InitializeAsync()
    {
        _factory = new ShareFactory(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Share_ClickedTwice_SendsBothNotesOnceAndCompletesTheTask()
    {
        var releaseId = await CreateReleaseAsync(_factory);
        await MarkTasksDoneAsync(_factory, releaseId, DefaultPlaybook.ContentDiscussion,
            DefaultPlaybook.InternalNotesReview);
        var url = $"/Releases/{releaseId}/Notes";
        var staff = await _factory.SignedInClientAsync(Roles.Staff);
        await PostAsync(staff, $"{url}?handler=AddItem",
            new() { ["ItemText"] = "Cache moved to the new storage service", ["ItemExternal"] = "false" }, url);
        var page = await staff.GetStringAsync(url);
        await PostAsync(staff, $"{url}?handler=SaveCustomer", new()
        {
            ["CustomerMarkdown"] = "- Faster map loading",
            ["CustomerImpactMarkdown"] = "Maps open sooner.",
            ["RowVersion"] = Field(page, "RowVersion")
        }, url);

        var first = await PostAsync(staff, $"{url}?handler=Share", new(), url);
        var second = await PostAsync(staff, $"{url}?handler=Share", new(), url);
        await _factory.Services.GetRequiredService<OutboxSender>().ProcessDueAsync();
        var message = await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == TeamsAddress));
        await _factory.Services.GetRequiredService<OutboxSender>().ProcessDueAsync();

        Assert.Contains("on their way to the customer teams", first);
        Assert.Contains("already shared", second);
        Assert.Single(_smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == TeamsAddress));
        Assert.Contains("Cache moved to the new storage service", message.TextBody);
        Assert.Contains("- Faster map loading", message.TextBody);
        Assert.Contains("What this means for customers", message.TextBody);
        Assert.Contains("INTERNAL NOTES", message.TextBody);
        Assert.Contains("<h2>Internal notes", message.HtmlBody);
        Assert.Equal(RolloutTaskStatus.Done, await TaskStatusAsync(_factory, releaseId,
            DefaultPlaybook.CustomerTeamsShare));
        var audited = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.CountAsync(a => a.Action == "release-notes.shared" && a.TargetId == releaseId.ToString()));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Share_AddressNotConfigured_RefusedWithAClearMessageAndNothingQueued()
    {
        await using var unconfigured = new LiftoffFactory();
        var releaseId = await CreateReleaseAsync(unconfigured);
        var url = $"/Releases/{releaseId}/Notes";
        var staff = await unconfigured.SignedInClientAsync(Roles.Staff);
        await PostAsync(staff, $"{url}?handler=AddItem", new()
        {
            ["ItemText"] = "Something internal",
            ["ItemExternal"] = "false"
        }, url);

        var html = await PostAsync(staff, $"{url}?handler=Share", new(), url);

        Assert.Contains("Nothing was sent: no address for the customer teams is set up yet.", html);
        Assert.DoesNotContain("Communications:CustomerTeamsAddress", html);
        Assert.False(await unconfigured.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .Outbox.AnyAsync(m => m.Kind == "release-notes.share")));
        Assert.NotEqual(RolloutTaskStatus.Done, await TaskStatusAsync(unconfigured, releaseId,
            DefaultPlaybook.CustomerTeamsShare));
    }
}

using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Rollout;

public sealed class RemindersTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task RunOnce_Twice_QueuesEachReminderOnce_DueSoonAndOverdue()
    {
        var lead = await factory.CreateUserAsync(Roles.Lead);
        var member = await factory.CreateUserAsync(Roles.Staff);
        await EnsureTeamsAsync(factory, lead.Id, member.Id);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        // 10 days ahead: the content discussion is overdue; the lending shop update is not due yet.
        var release = await CreateReleaseAsync(staff, daysAhead: 10);
        var reminders = factory.Services.GetRequiredService<RolloutReminders>();

        var first = await reminders.RunOnceAsync();
        // Two instances at once must not double anything either.
        var concurrent = await Task.WhenAll(reminders.RunOnceAsync(), reminders.RunOnceAsync());

        Assert.True(first > 0);
        Assert.Equal([0, 0], concurrent);
        var mails = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .Outbox.Where(m => m.Kind.StartsWith("rollout.reminder")).ToListAsync());
        var discussion = release.Task(DefaultPlaybook.ContentDiscussion);
        Assert.Contains(mails, m => m.Kind == "rollout.reminder.overdue" && m.ToAddress == lead.Email
            && m.Subject.Contains(discussion.Name));
        Assert.DoesNotContain(mails, m => m.Subject.Contains(release.Task(DefaultPlaybook.LendingShopUpdate).Name));
        Assert.Equal(mails.Count, mails.Select(m => m.DeduplicationKey).Distinct().Count());
    }

    [Fact]
    public async Task RunOnce_TaskDoneMeanwhile_IsNotReminded()
    {
        var lead = await factory.CreateUserAsync(Roles.Lead);
        await EnsureTeamsAsync(factory, lead.Id);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff, daysAhead: 10);
        var task = release.Task(DefaultPlaybook.InternalNotesReview);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<RolloutTaskWork>()
            .SetStatusAsync(task.Id, new TaskStatusInput("done"), null));

        await factory.Services.GetRequiredService<RolloutReminders>().RunOnceAsync();

        var keys = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .Outbox.Select(m => m.DeduplicationKey).ToListAsync());
        Assert.DoesNotContain(keys, k => k != null && k.Contains($":{task.Id}:", StringComparison.Ordinal));
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Liftoff.Browser.Tests;

/// <summary>
/// One release from planning to the support surge after it, in the browser where people do it: every
/// rollout task is closed by its own action, and the unrelated roadmap item never reaches the outside.
/// </summary>
public sealed partial class ReleaseLifecycleJourneyTests(ReleaseLifecycleFixture fixture, ITestOutputHelper output)
    : JourneyTests(fixture.Browser), IClassFixture<ReleaseLifecycleFixture>
{
    private ReleaseLifecycleFixture Fixture => fixture;

    private ITestOutputHelper Output => output;

    [Fact]
    public async Task OneRelease_FromPlanToSupportSurge_EveryTaskClosedByItsOwnAction_AndTheUnrelatedItemNeverLeaks()
    {
        var deliveryLead = await App.CreateUserAsync(Roles.Lead);
        var successLead = await App.CreateUserAsync(Roles.Lead);
        var successStaff = await App.CreateUserAsync(Roles.Staff);
        await SetUpTeamsAsync(deliveryLead.Id, successLead.Id, successStaff.Id);
        var world = await SetUpCustomersAndRoadmapAsync();
        var reader = await App.CreateUserAsync(Roles.External, world.CustomerOrgId);

        // T-5 weeks: a staff member of Customer Success plans the release in the browser.
        var staff = await SignInAsync(successStaff);
        await staff.GotoAsync("/Releases");
        await staff.GetByLabel("Version").FillAsync(Version);
        await staff.GetByLabel("Planned release date").FillAsync(Iso(FirstPlan));
        await staff.GetByLabel("Significant changes for users").CheckAsync();
        await staff.GetByLabel("Content summary").FillAsync(
            "Geotags of a whole flight in one export; base maps that work offline.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Create release and plan" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Version);
        var releaseId = int.Parse(staff.Url.Split('/').Last(), CultureInfo.InvariantCulture);
        await Assertions.Expect(staff.Locator("#planned-date")).ToHaveTextAsync(Iso(FirstPlan));
        await CheckPageAsync(staff, "lifecycle-01-release-planned");
        // The roadmap's two items for this release are linked to it (the roadmap editor's job, not this journey's).
        await LinkRoadmapItemsAsync(releaseId, world.LinkedItemIds);

        // T-4 weeks: both leads discuss the content (no system action: the task page with a comment and
        // the meeting notes as evidence is how it is done) and approve the customer-facing notes.
        await AdvanceToAsync(new DateTimeOffset(2027, 3, 8, 9, 0, 0, TimeSpan.Zero));
        var delivery = await SignInAsync(deliveryLead);
        await CompleteOnTaskPageAsync(delivery, releaseId, DefaultPlaybook.ContentDiscussion,
            "Agreed with Customer Success: both features go out, the export change is significant for users.",
            "https://wiki.liftoff.test/releases/5.3/content-meeting");
        await CommentOnTaskPageAsync(delivery, releaseId, DefaultPlaybook.DeliveryRollout,
            "Rollout plan and test plan written; testing starts this week.");

        staff = await SignInAsync(successStaff);
        await staff.GotoAsync($"/Releases/{releaseId}/Notes");
        await AddNoteItemAsync(staff, $"{FeatureA}: export the geotags of a whole flight in one file", external: true);
        await AddNoteItemAsync(staff, $"{FeatureB}: plan missions without a connection", external: true);
        await AddNoteItemAsync(staff, "Export workers moved to the new queue cluster", external: false);
        await staff.GetByRole(AriaRole.Link, new() { Name = "Generate from external items" }).ClickAsync();
        await staff.GetByLabel("What this means for customers (Markdown)").FillAsync(
            $"Version {Version} needs nothing from you: update the app and both features are there.");
        await staff.GetByLabel("These notes are for").SelectOptionAsync(
            new SelectOptionValue { Label = "resellers and customers" });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save customer-facing notes" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("Customer-facing notes saved.");
        await CheckPageAsync(staff, "lifecycle-02-notes-written");

        delivery = await SignInAsync(deliveryLead);
        await delivery.GotoAsync($"/Releases/{releaseId}/Notes");
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Approve customer-facing notes" }).ClickAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("Your approval is recorded.");
        // The lead approved a rendered preview; the button gives way to their state.
        await Assertions.Expect(delivery.Locator(".preview")).ToBeVisibleAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Button, new() { Name = "Approve customer-facing notes" }))
            .ToHaveCountAsync(0);
        await Assertions.Expect(delivery.GetByText("You approved this text; waiting for the other lead"))
            .ToBeVisibleAsync();
        var success = await SignInAsync(successLead);
        await success.GotoAsync($"/Releases/{releaseId}/Notes");
        await success.GetByRole(AriaRole.Button, new() { Name = "Approve customer-facing notes" }).ClickAsync();
        await Assertions.Expect(success.GetByText("Both leads approved these customer-facing notes."))
            .ToBeVisibleAsync();
        await CheckPageAsync(success, "lifecycle-03-notes-approved");
        await AssertTaskAsync(releaseId, DefaultPlaybook.InternalNotesReview, RolloutTaskStatus.Done);

        // T-2 weeks: the KB announcement, the newsletter (scheduled), the notes shared with the customer teams.
        await AdvanceToAsync(new DateTimeOffset(2027, 3, 22, 9, 0, 0, TimeSpan.Zero));
        success = await SignInAsync(successLead);
        await success.GotoAsync($"/Releases/{releaseId}/Notes");
        await success.GetByRole(AriaRole.Button, new() { Name = "Create knowledge-base announcement" }).ClickAsync();
        await success.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published as version 1.");
        var articleUrl = success.Url;
        await CheckPageAsync(success, "lifecycle-04-kb-announced");
        await AssertTaskAsync(releaseId, DefaultPlaybook.KbAnnouncement, RolloutTaskStatus.Done);

        await success.GotoAsync($"/Releases/{releaseId}/Notes");
        await success.GetByRole(AriaRole.Button, new() { Name = "Share with customer teams" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("on their way to the customer teams");
        await AssertTaskAsync(releaseId, DefaultPlaybook.CustomerTeamsShare, RolloutTaskStatus.Done);
        var shared = await PumpUntilMessageAsync(m => m.To.Mailboxes.Any(a =>
            a.Address == ReleaseLifecycleFixture.CustomerTeams));
        Assert.Contains("queue cluster", shared.TextBody ?? shared.HtmlBody);

        await success.GotoAsync($"/Releases/{releaseId}/Notes");
        await success.GetByRole(AriaRole.Link, new() { Name = "Create newsletter from these notes" }).ClickAsync();
        await Assertions.Expect(success.GetByLabel("Content for customers (Markdown)"))
            .ToHaveValueAsync(new System.Text.RegularExpressions.Regex(FeatureA));
        await success.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        var newsletterUrl = success.Url;
        await success.GetByLabel("Send at (UTC; leave empty to send now)").FillAsync("2027-03-24T09:00");
        await success.GetByRole(AriaRole.Button, new() { Name = "Schedule or send now" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Heading,
            new() { Name = "Schedule for 2027-03-24 09:00 UTC to 4 recipients?" })).ToBeVisibleAsync();
        await Assertions.Expect(success.Locator("[data-recipients=Resellers]")).ToHaveTextAsync("2");
        await Assertions.Expect(success.Locator("[data-recipients=Customers]")).ToHaveTextAsync("2");
        await CheckPageAsync(success, "lifecycle-05-newsletter-confirm");
        await success.GetByRole(AriaRole.Button, new() { Name = "Confirm and schedule" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("Scheduled for 2027-03-24 09:00 UTC.");

        // The release is moved a week: open tasks and the scheduled newsletter follow it.
        await AdvanceToAsync(new DateTimeOffset(2027, 3, 23, 9, 0, 0, TimeSpan.Zero));
        delivery = await SignInAsync(deliveryLead);
        await delivery.GotoAsync($"/Releases/{releaseId}");
        await delivery.GetByLabel("New release date").FillAsync(Iso(ReleaseDay));
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Move release" }).ClickAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Status).First).ToContainTextAsync("Release moved");
        await Assertions.Expect(delivery.Locator("#planned-date")).ToHaveTextAsync(Iso(ReleaseDay));
        await Assertions.Expect(delivery.Locator($"tr[data-step={DefaultPlaybook.LendingShopUpdate}] .due"))
            .ToContainTextAsync(Iso(ReleaseDay));
        await Assertions.Expect(delivery.Locator($"tr[data-step={DefaultPlaybook.FieldHandover}] .due"))
            .ToContainTextAsync("2027-04-09");
        await CheckPageAsync(delivery, "lifecycle-06-release-moved");
        success = await SignInAsync(successLead);
        await success.GotoAsync("/Communications");
        await Assertions.Expect(success.GetByRole(AriaRole.Row, new() { Name = $"Software {Version}" }))
            .ToContainTextAsync("2027-03-31 09:00 UTC");
        await CheckPageAsync(success, "lifecycle-07-newsletter-moved");

        // The newsletter goes out on its new date: the guard checks again and the sender delivers it.
        await AdvanceToAsync(new DateTimeOffset(2027, 3, 31, 9, 0, 0, TimeSpan.Zero));
        await PumpUntilAsync(async () => world.NewsletterRecipients.All(r => fixture.Smtp.Messages.Any(m => IsTo(m, r)))
            && await TaskStatusAsync(releaseId, DefaultPlaybook.Newsletter) == RolloutTaskStatus.Done,
                "the newsletter to be sent");
        success = await SignInAsync(successLead);
        await success.GotoAsync(newsletterUrl);
        await Assertions.Expect(success.Locator("#progress .status")).ToContainTextAsync("Completed");
        await Assertions.Expect(success.Locator("#progress [data-count=sent]")).ToHaveTextAsync("4");
        await CheckPageAsync(success, "lifecycle-08-newsletter-sent");

        // T-10 days: the KB iteration is a new version of the announcement.
        await AdvanceToAsync(new DateTimeOffset(2027, 4, 2, 9, 0, 0, TimeSpan.Zero));
        staff = await SignInAsync(successStaff);
        await staff.GotoAsync(articleUrl);
        var body = staff.GetByLabel("Article (Markdown)");
        await body.FillAsync(await body.InputValueAsync()
            + "\n\n## Questions from the field\n\n- Offline packs are kept for 30 days on the tablet.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published as version 2.");
        await CheckPageAsync(staff, "lifecycle-09-kb-iterated");
        await AssertTaskAsync(releaseId, DefaultPlaybook.KbIteration, RolloutTaskStatus.Done);

        // Release week, two days before: the field handover day has no system action; its task page with
        // the agenda as evidence and a comment is how it is done.
        await AdvanceToAsync(new DateTimeOffset(2027, 4, 9, 16, 0, 0, TimeSpan.Zero));
        staff = await SignInAsync(successStaff);
        await CompleteOnTaskPageAsync(staff, releaseId, DefaultPlaybook.FieldHandover,
            "Field handover held with 14 field engineers; open questions went into the KB article.",
            "https://wiki.liftoff.test/releases/5.3/field-handover");

        // Release day: Delivery marks it released. The rollout task is the one pre-release task still open;
        // releasing is its real action, so it is decided "done" in the status form.
        await AdvanceToAsync(new DateTimeOffset(2027, 4, 12, 10, 0, 0, TimeSpan.Zero));
        delivery = await SignInAsync(deliveryLead);
        await delivery.GotoAsync($"/Releases/{releaseId}");
        await delivery.GetByLabel("New status").SelectOptionAsync("released");
        var decisions = delivery.GetByRole(AriaRole.Group,
            new() { Name = "When marking released: decide each open pre-release task" });
        await Assertions.Expect(decisions.GetByRole(AriaRole.Group)).ToHaveCountAsync(1);
        await decisions.GetByRole(AriaRole.Group, new() { Name = "Decision for Rollout planning, testing and rollout" })
            .GetByLabel("done").CheckAsync();
        await Assertions.Expect(delivery.GetByLabel(new System.Text.RegularExpressions.Regex("^Tell the requestors")))
            .ToBeCheckedAsync();
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Status).First).ToContainTextAsync("Status changed.");
        await Assertions.Expect(delivery.GetByText("This release is released.")).ToBeVisibleAsync();
        await AssertTaskAsync(releaseId, DefaultPlaybook.DeliveryRollout, RolloutTaskStatus.Done);

        // The lending shop hears of it by its webhook; its 2xx completes the task.
        await PumpUntilAsync(async () => await TaskStatusAsync(releaseId,
            DefaultPlaybook.LendingShopUpdate) == RolloutTaskStatus.Done, "the lending-shop task");
        var hook = Assert.Single(fixture.Shop.Received);
        Assert.True(hook.SignatureValid);
        Assert.Contains($"\"version\":\"{Version}\"", hook.Text);

        // Requestors of the linked requests are told; the unrelated request's requestor is not.
        await PumpUntilAsync(() => Task.FromResult(world.Requestors.All(r =>
            fixture.Smtp.Messages.Count(m => IsTo(m, r)) >= 2)), "the requestors' emails");
        await delivery.GotoAsync($"/Releases/{releaseId}");
        var told = delivery.GetByRole(AriaRole.Region, new() { Name = "Requestors told" });
        foreach (var requestor in world.Requestors)
        {
            await Assertions.Expect(told.GetByRole(AriaRole.Row, new() { Name = requestor })).ToContainTextAsync("UTC");
        }
        await Assertions.Expect(delivery.Locator("#lending-shop-line")).ToContainTextAsync("delivered");
        await CheckPageAsync(delivery, "lifecycle-10-released");
        Assert.Single(fixture.Smtp.Messages, m => IsTo(m, world.UnrelatedRequestor));

        // Surge window: ticket counts arrive through the API, the window starts on the actual release day.
        using var api = await TokenClientAsync(successStaff);
        var baseline = Enumerable.Range(0, 42).Select(i => ReleaseDay.AddDays(-42 + i))
            .Select(d => new
            {
                date = Iso(d),
                channel = "email",
                count = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 4 : 20 + d.Day % 5
            });
        Assert.True((await api.PostAsJsonAsync("/api/support/ticket-volume", baseline)).IsSuccessStatusCode);
        await AdvanceToAsync(new DateTimeOffset(2027, 4, 27, 9, 0, 0, TimeSpan.Zero));
        var surge = Enumerable.Range(0, 15).Select(i => ReleaseDay.AddDays(i))
            .Select(d => new
            {
                date = Iso(d),
                channel = "email",
                count = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 6 : 31 + d.Day % 7
            });
        Assert.True((await api.PostAsJsonAsync("/api/support/ticket-volume", surge)).IsSuccessStatusCode);
        using (var forecast = JsonDocument.Parse(await api.GetStringAsync(
            $"/api/support/releases/{releaseId}/forecast")))
        {
            var root = forecast.RootElement;
            Assert.Equal(Iso(ReleaseDay), root.GetProperty("releasedOn").GetString());
            Assert.Equal(Iso(ReleaseDay), root.GetProperty("windowStart").GetString());
            Assert.All(root.GetProperty("days").EnumerateArray()
                .Where(d => DateOnly.Parse(d.GetProperty("date").GetString()!, CultureInfo.InvariantCulture) < Today()),
                d => Assert.Equal(JsonValueKind.Number, d.GetProperty("actual").ValueKind));
        }

        // T+15 days, the window over: the support-surge task has no system action (nothing ends it by itself);
        // after the window its owners close it on the task page with the outcome as a comment.
        staff = await SignInAsync(successStaff);
        await staff.GotoAsync($"/Support/Release/{releaseId}");
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Version);
        await CheckPageAsync(staff, "lifecycle-11-surge");
        await CompleteOnTaskPageAsync(staff, releaseId, DefaultPlaybook.SupportSurge,
            "Surge window over: volume stayed inside the forecast band, no extra shifts needed after the first week.",
                null);

        // Nothing is left open, and every task was closed by an action, never skipped.
        var tasks = await TasksAsync(releaseId);
        Assert.All(tasks, t => Assert.Equal(RolloutTaskStatus.Done, t.Status));
        Assert.Contains(tasks, t => t.StepKey == DefaultPlaybook.FieldHandover);
        delivery = await SignInAsync(deliveryLead);
        await delivery.GotoAsync($"/Releases/{releaseId}");
        await Assertions.Expect(delivery.GetByRole(AriaRole.Button,
            new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mark done") })).ToHaveCountAsync(0);
        await CheckPageAsync(delivery, "lifecycle-12-all-done");

        // What the outside saw: the portal as a customer's user, the public feed, every email.
        var portal = await SignInAsync(reader);
        await VisitExternalAsync(portal, "/Portal", "lifecycle-13-portal");
        await VisitExternalAsync(portal, "/Portal/Kb", "lifecycle-14-portal-kb");
        await portal.GetByRole(AriaRole.Link, new() { Name = $"Software {Version}" }).First.ClickAsync();
        await Assertions.Expect(portal.GetByRole(AriaRole.Article)).ToContainTextAsync("Questions from the field");
        await Assertions.Expect(portal.GetByRole(AriaRole.Article)).Not.ToContainTextAsync("queue cluster");
        await VisitExternalAsync(portal, null, "lifecycle-15-portal-article");
        await VisitExternalAsync(portal, "/Portal/Requests", "lifecycle-16-portal-requests");
        await Assertions.Expect(portal.GetByRole(AriaRole.Main)).ToContainTextAsync("Released");

        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var feed = await anonymous.GetStringAsync("/kb/announcements.atom");
        Assert.Contains(FeatureA, feed);

        var leaks = fixture.Smtp.Messages.Select(m => (Where: $"email to {m.To} \"{m.Subject}\"",
            Text: $"{m.Subject}\n{m.TextBody}\n{m.HtmlBody}"))
            .Append((Where: "Atom feed", Text: feed))
            .Concat(_externalPages.Select(p => (Where: "portal page", Text: p)))
            .SelectMany(x => Unrelated.Where(u => x.Text.Contains(u, StringComparison.OrdinalIgnoreCase))
                .Select(u => $"{x.Where} names {u}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Contains(fixture.Smtp.Messages, m => m.TextBody?.Contains(FeatureB, StringComparison.Ordinal) == true);
        Assert.True(Pages.Problems.Count == 0, string.Join("\n", Pages.Problems));

        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}

using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.KnowledgeBase.KbTestSupport;

namespace Liftoff.Web.Tests.KnowledgeBase;

public sealed class ReleaseNotesTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private sealed record Setup(int ReleaseId, string Url, HttpClient Staff, HttpClient DeliveryLead,
        HttpClient SuccessLead);

    private async Task<Setup> SetUpAsync()
    {
        var releaseId = await CreateReleaseAsync(factory);
        var delivery = await factory.CreateUserAsync(Roles.Lead);
        var success = await factory.CreateUserAsync(Roles.Lead);
        await SetLeadsAsync(factory, delivery.Id, success.Id);
        return new Setup(releaseId, $"/Releases/{releaseId}/Notes", await factory.SignedInClientAsync(Roles.Staff),
            await factory.SignInAsync(delivery), await factory.SignInAsync(success));
    }

    private static async Task<string> AddItemAsync(Setup s, string text, bool external) =>
        await PostAsync(s.Staff, $"{s.Url}?handler=AddItem", new()
        {
            ["ItemText"] = text,
            ["ItemExternal"] = external
            ? "true" : "false"
        }, s.Url);

    private static async Task<string> SaveCustomerAsync(HttpClient client, string url, string notes, string impact,
        string? rowVersion = null)
    {
        var page = await client.GetStringAsync(url);
        return await PostAsync(client, $"{url}?handler=SaveCustomer", new()
        {
            ["CustomerMarkdown"] = notes,
            ["CustomerImpactMarkdown"] = impact,
            ["RowVersion"] = rowVersion ?? Field(page, "RowVersion"),
        }, url);
    }

    private static async Task<string> ApproveAsync(HttpClient lead, string url, string? hash = null)
    {
        var page = await lead.GetStringAsync(url);
        return await PostAsync(lead, $"{url}?handler=Approve", new()
        {
            ["TextHash"] = hash
            ?? Field(page, "TextHash")
        }, url);
    }

    [Fact]
    public async Task Approve_ByBothLeads_CompletesInternalNotesReviewTask()
    {
        var s = await SetUpAsync();
        await AddItemAsync(s, "Faster exports of survey reports", external: true);
        await AddItemAsync(s, "Export queue moved to the new worker pool", external: false);

        var generated = System.Net.WebUtility.HtmlDecode(await s.Staff.GetStringAsync($"{s.Url}?generate=true"));
        await SaveCustomerAsync(s.Staff, s.Url, "- Faster exports of survey reports",
            "Reports arrive sooner; nothing to change on your side.");
        var staffApproval = await ApproveAsync(s.Staff, s.Url, Field(await s.DeliveryLead.GetStringAsync(s.Url),
            "TextHash"));
        var first = await ApproveAsync(s.DeliveryLead, s.Url);
        var afterFirst = await TaskStatusAsync(factory, s.ReleaseId, DefaultPlaybook.InternalNotesReview);
        var second = await ApproveAsync(s.SuccessLead, s.Url);

        Assert.Contains("- Faster exports of survey reports</textarea>", generated);
        Assert.DoesNotContain("worker pool</textarea>", generated);
        Assert.Contains("Only the current lead of Delivery or of Customer Success can approve", staffApproval);
        Assert.Contains("Your approval is recorded.", first);
        Assert.NotEqual(RolloutTaskStatus.Done, afterFirst);
        Assert.Contains("Both leads approved these customer-facing notes.", second);
        Assert.Equal(RolloutTaskStatus.Done, await TaskStatusAsync(factory, s.ReleaseId,
            DefaultPlaybook.InternalNotesReview));
    }

    [Fact]
    public async Task Edit_AfterApproval_ClearsApprovalsAndRefusesApprovalOfTheOldText()
    {
        var s = await SetUpAsync();
        await SaveCustomerAsync(s.Staff, s.Url, "- Offline maps", "Download maps before a mission.");
        var oldHash = Field(await s.SuccessLead.GetStringAsync(s.Url), "TextHash");
        await ApproveAsync(s.DeliveryLead, s.Url);

        var edited = await SaveCustomerAsync(s.Staff, s.Url, "- Offline maps for every region",
            "Download maps before a mission.");
        var stale = await ApproveAsync(s.SuccessLead, s.Url, oldHash);

        Assert.Contains("Delivery lead: not approved", edited);
        Assert.Contains("changed since you read them", stale);
        Assert.Contains("Customer Success lead: not approved", stale);
        Assert.NotEqual(RolloutTaskStatus.Done, await TaskStatusAsync(factory, s.ReleaseId,
            DefaultPlaybook.InternalNotesReview));
    }

    [Fact]
    public async Task SaveCustomer_SecondEditorWithStaleVersion_GetsConflictWithCurrentText()
    {
        var s = await SetUpAsync();
        var page = await s.Staff.GetStringAsync(s.Url);
        var version = Field(page, "RowVersion");
        await SaveCustomerAsync(s.DeliveryLead, s.Url, "- First editor's text", "");

        var second = await SaveCustomerAsync(s.Staff, s.Url, "- Second editor's text", "", version);

        Assert.Contains("Someone else saved these notes while you were editing", second);
        Assert.Contains("- First editor's text</textarea>", second);
        Assert.Contains("- Second editor's text</pre>", second);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .ReleaseNotes.Where(n => n.ReleaseId == s.ReleaseId).Select(n => n.CustomerMarkdown).SingleAsync());
        Assert.Equal("- First editor's text", stored);
    }

    [Fact]
    public async Task Approve_TextNamingAnUnreleasedRoadmapItem_IsBlockedWithTheSpanMarkedUntilALeadOverrides()
    {
        await AddRoadmapSecretAsync(factory);
        var s = await SetUpAsync();
        await SaveCustomerAsync(s.Staff, s.Url, $"- Better exports, a first step towards {SecretCodename}", "");

        var blocked = await ApproveAsync(s.DeliveryLead, s.Url);
        var start = System.Text.RegularExpressions.Regex.Match(blocked, "name=\"start\" value=\"(\\d+)\"|start=(\\d+)");
        var overrideUrl = System.Text.RegularExpressions.Regex.Match(blocked,
            "action=\"([^\"]*handler=Override[^\"]*)\"").Groups[1].Value;
        var overridden = await PostAsync(s.DeliveryLead, overrideUrl,
            new() { ["reason"] = "Announced at the customer fair already" }, s.Url);
        var approved = await ApproveAsync(s.DeliveryLead, s.Url);

        Assert.Contains("Blocked: the disclosure check found passages", blocked);
        Assert.Contains($"<mark title=", blocked);
        Assert.Contains($">{SecretCodename}</mark>", blocked);
        Assert.DoesNotContain("Your approval is recorded.", blocked);
        Assert.True(start.Success);
        Assert.Contains("let through for this exact text", overridden);
        Assert.Contains("Your approval is recorded.", approved);
        var audit = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == "disclosure.override" && a.Details.Contains(SecretCodename)));
        Assert.True(audit);
    }

    [Fact]
    public async Task Check_ByStaff_OffersToAskALead_AndTheAllowedPassageLetsTheLeadsApprove()
    {
        await AddRoadmapSecretAsync(factory);
        var s = await SetUpAsync();
        await SaveCustomerAsync(s.Staff, s.Url, $"- Quicker imports, groundwork for {SecretCodename} ({s.ReleaseId})",
            "");

        var blocked = await PostAsync(s.Staff, $"{s.Url}?handler=Check", [], s.Url);
        var askUrl = System.Text.RegularExpressions.Regex.Match(blocked, "action=\"([^\"]*handler=AskOverride[^\"]*)\"")
            .Groups[1].Value;
        var asked = await PostAsync(s.Staff, System.Net.WebUtility.HtmlDecode(askUrl),
            new() { ["reason"] = "The codename was on the public fair poster." }, s.Url);
        var request = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .OverrideRequests.SingleAsync(r => r.Source == s.Url));
        await PostAsync(s.DeliveryLead, $"/Disclosure/Requests?handler=Allow&id={request.Id}", [],
            "/Disclosure/Requests");
        var approved = await ApproveAsync(s.DeliveryLead, s.Url);

        Assert.DoesNotContain("Override as lead", blocked);
        Assert.NotEmpty(askUrl);
        Assert.Contains("A lead has been asked", asked);
        Assert.DoesNotContain("Blocked:", asked);
        Assert.Equal(SecretCodename, request.MatchedText);
        Assert.Contains("Customer-facing notes of", request.SourceTitle);
        Assert.Contains("Your approval is recorded.", approved);
    }
}

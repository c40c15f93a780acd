using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Merge;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Liftoff.Web.Tests.Backlog.BacklogTestData;

namespace Liftoff.Web.Tests.Backlog;

public sealed class BacklogMergeTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private async Task<List<(int Org, string Email)>> VotesAsync(long id) =>
        (await DbAsync(factory, db => db.RequestVotes.Where(v => v.RequestId == id)
            .Select(v => new { v.OrganisationId, v.ContactEmail }).ToListAsync()))
            .Select(v => (v.OrganisationId, v.ContactEmail)).OrderBy(v => v.ContactEmail).ToList();

    [Fact]
    public async Task Merge_DuplicateWithSharedRequestor_MovesVotesCountingEachContactOnce()
    {
        var org = await factory.CreateOrganisationAsync();
        var other = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var kept = await CreateRequestAsync(staff, "Export flight logs to CSV", org, "shared@customer.example");
        await AddRequestorAsync(staff, kept.Id, other, "kept-only@customer.example");
        var duplicate = await CreateRequestAsync(staff, "CSV export of the flight log", org, "shared@customer.example");
        await AddRequestorAsync(staff, duplicate.Id, org, "dup-only@customer.example");
        await AddRequestorAsync(staff, duplicate.Id, other, "dup-other@customer.example");

        var response = await staff.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge", new { keepId = kept.Id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<MergeResult>();
        Assert.Equal(2, result!.VotesMoved);
        Assert.Equal(1, result.DuplicatesCollapsed);
        var keptView = await staff.GetFromJsonAsync<RequestView>($"/api/requests/{kept.Id}");
        Assert.Equal(4, keptView!.Votes);
        var merged = await DbAsync(factory, db => db.FeatureRequests.AsNoTracking()
            .FirstAsync(r => r.Id == duplicate.Id));
        Assert.Equal(FeatureRequestStatus.Merged, merged.Status);
        Assert.Equal(kept.Id, merged.MergedIntoId);
        Assert.True(await DbAsync(factory, db => db.AuditEntries.AnyAsync(a => a.Action == "request.merged"
            && a.TargetId == duplicate.Id.ToString())));
    }

    [Fact]
    public async Task Unmerge_AfterMerge_GivesEachRequestBackItsOwnRequestorsAndStatus()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var kept = await CreateRequestAsync(staff, "Battery cycle report", org, "both@customer.example");
        await AddRequestorAsync(staff, kept.Id, org, "kept@customer.example");
        var duplicate = await CreateRequestAsync(staff, "Report on battery cycles", org, "both@customer.example");
        await AddRequestorAsync(staff, duplicate.Id, org, "dup@customer.example");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/requests/{duplicate.Id}/status",
            new { status = "UnderReview" })).StatusCode);
        var keptBefore = await VotesAsync(kept.Id);
        var duplicateBefore = await VotesAsync(duplicate.Id);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge",
            new { keepId = kept.Id })).StatusCode);
        // A requestor added to the kept request after the merge stays there.
        await AddRequestorAsync(staff, kept.Id, org, "later@customer.example");

        var response = await staff.PostAsync($"/api/requests/{duplicate.Id}/unmerge", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(duplicateBefore, await VotesAsync(duplicate.Id));
        Assert.Equal(keptBefore.Append((org, ContactOf(org, "later@customer.example"))).OrderBy(v => v.Item2).ToList(),
            await VotesAsync(kept.Id));
        var restored = await staff.GetFromJsonAsync<RequestView>($"/api/requests/{duplicate.Id}");
        Assert.Equal(FeatureRequestStatus.UnderReview, restored!.Status);
        Assert.Null(restored.MergedIntoId);
        Assert.True(await DbAsync(factory, db => db.AuditEntries.AnyAsync(a => a.Action == "request.unmerged"
            && a.TargetId == duplicate.Id.ToString())));
    }

    [Fact]
    public async Task MergeFromThePage_AsksFirst_AndChangesNothingUntilConfirmed()
    {
        var org = await factory.CreateOrganisationAsync();
        var user = await factory.CreateUserAsync(Roles.Staff);
        var staff = await factory.TokenClientAsync(user);
        var browser = await factory.SignInAsync(user);
        var kept = await CreateRequestAsync(staff, "Export flight logs as CSV", org, "c@customer.example");
        var duplicate = await CreateRequestAsync(staff, "Download the flight log as a spreadsheet", org,
            "d@customer.example");

        var asked = await LiftoffFactory.PostFormAsync(browser, $"/Backlog/{duplicate.Id}?handler=MergeInto",
            new() { ["OtherId"] = kept.Id.ToString() }, $"/Backlog/{duplicate.Id}");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Contains($"Merge #{duplicate.Id} into #{kept.Id}?", html);
        Assert.Contains("Download the flight log as a spreadsheet", html);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Backlog/{duplicate.Id}")).StatusCode);
    }

    [Fact]
    public async Task MergedRequest_PageAndApi_RedirectToTheKeptOneWhoseCommentsIncludeItsOwn()
    {
        var org = await factory.CreateOrganisationAsync();
        var user = await factory.CreateUserAsync(Roles.Staff);
        var staff = await factory.TokenClientAsync(user);
        var browser = await factory.SignInAsync(user);
        var kept = await CreateRequestAsync(staff, "Dark mode for the planner", org, "a@customer.example");
        var duplicate = await CreateRequestAsync(staff, "Night theme in the planning app", org, "b@customer.example");
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/requests/{duplicate.Id}/comments",
            new { body = "Customer asked twice at the fair." })).StatusCode);

        var merge = await LiftoffFactory.PostFormAsync(browser, $"/Backlog/{duplicate.Id}?handler=MergeInto",
            new() { ["OtherId"] = kept.Id.ToString(), ["Confirm"] = "true" }, $"/Backlog/{duplicate.Id}");

        Assert.Equal(HttpStatusCode.Redirect, merge.StatusCode);
        var page = await browser.GetAsync($"/Backlog/{duplicate.Id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith($"/Backlog/{kept.Id}", page.Headers.Location!.OriginalString);
        var api = await staff.GetAsync($"/api/requests/{duplicate.Id}");
        Assert.Equal(HttpStatusCode.Redirect, api.StatusCode);
        Assert.Equal($"/api/requests/{kept.Id}", api.Headers.Location!.OriginalString);
        var keptPage = await browser.GetStringAsync($"/Backlog/{kept.Id}");
        Assert.Contains("Customer asked twice at the fair.", keptPage);
        Assert.Contains($"from merged #{duplicate.Id}", keptPage);
        Assert.Contains($"Unmerge #{duplicate.Id}", keptPage);
        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/requests/{kept.Id}/detail");
        Assert.Equal(duplicate.Id, detail.GetProperty("comments")[0].GetProperty("requestId").GetInt64());
    }

    [Fact]
    public async Task Merge_RefusedCases_ExplainAndChangeNothing()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var a = await CreateRequestAsync(staff, "Refused merge A", org, "a@customer.example");
        var b = await CreateRequestAsync(staff, "Refused merge B", org, "b@customer.example");
        var c = await CreateRequestAsync(staff, "Refused merge C", org, "c@customer.example");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/requests/{b.Id}/merge",
            new { keepId = c.Id })).StatusCode);

        var self = await staff.PostAsJsonAsync($"/api/requests/{a.Id}/merge", new { keepId = a.Id });
        var intoMerged = await staff.PostAsJsonAsync($"/api/requests/{a.Id}/merge", new { keepId = b.Id });
        var again = await staff.PostAsJsonAsync($"/api/requests/{b.Id}/merge", new { keepId = a.Id });
        var chain = await staff.PostAsJsonAsync($"/api/requests/{c.Id}/merge", new { keepId = a.Id });
        var unknown = await staff.PostAsJsonAsync($"/api/requests/{a.Id}/merge", new { keepId = 999_999 });
        var notMerged = await staff.PostAsync($"/api/requests/{a.Id}/unmerge", null);
        var upvoteMerged = await staff.PostAsJsonAsync($"/api/requests/{b.Id}/requestors",
            new { organisationId = org, contactEmail = "x@customer.example" });

        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("cannot be merged into itself", await self.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, intoMerged.StatusCode);
        Assert.Contains($"merge into #{c.Id} instead", await intoMerged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already merged", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, chain.StatusCode);
        Assert.Contains("chain", await chain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notMerged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, upvoteMerged.StatusCode);
        Assert.Equal(FeatureRequestStatus.New,
            (await staff.GetFromJsonAsync<RequestView>($"/api/requests/{a.Id}"))!.Status);
        Assert.Single(await VotesAsync(a.Id));
        Assert.Equal(2, (await VotesAsync(c.Id)).Count);
    }

    [Fact]
    public async Task Merge_SameRequestIntoTwoAtOnce_OnlyOneWins()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var duplicate = await CreateRequestAsync(staff, "Race duplicate", org, "d@customer.example");
        var first = await CreateRequestAsync(staff, "Race keep one", org, "k1@customer.example");
        var second = await CreateRequestAsync(staff, "Race keep two", org, "k2@customer.example");

        var responses = await Task.WhenAll(
            staff.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge", new { keepId = first.Id }),
            staff.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge", new { keepId = second.Id }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await DbAsync(factory, db =>
            db.RequestMerges.CountAsync(m => m.MergedRequestId == duplicate.Id && m.UndoneAt == null)));
        var total = (await VotesAsync(first.Id)).Count + (await VotesAsync(second.Id)).Count
            + (await VotesAsync(duplicate.Id)).Count;
        Assert.Equal(3, total);
    }

    [Fact]
    public async Task Merge_TwoRequestsIntoEachOtherAtOnce_NeverMakesACycle()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var a = await CreateRequestAsync(staff, "Cycle A", org, "a@customer.example");
        var b = await CreateRequestAsync(staff, "Cycle B", org, "b@customer.example");

        var responses = await Task.WhenAll(
            staff.PostAsJsonAsync($"/api/requests/{a.Id}/merge", new { keepId = b.Id }),
            staff.PostAsJsonAsync($"/api/requests/{b.Id}/merge", new { keepId = a.Id }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var merged = await DbAsync(factory, db =>
            db.FeatureRequests.CountAsync(r => (r.Id == a.Id || r.Id == b.Id)
            && r.Status == FeatureRequestStatus.Merged));
        Assert.Equal(1, merged);
    }

    [Fact]
    public async Task Merge_MergedRequest_LeavesTheSimilarSuggestionsUntilUnmerged()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var kept = await CreateRequestAsync(staff, "Geofence alerts for pilots", org, "a@customer.example",
            "Warn pilots before they leave the allowed area.");
        var duplicate = await CreateRequestAsync(staff, "Geofence warning when leaving the area", org,
            "b@customer.example", "Alert the pilot near the geofence border.");
        var query = "/api/requests/similar?limit=10&text=" + Uri.EscapeDataString("geofence alert warning for pilots " +
            "leaving the area");
        Assert.Contains(duplicate.Id, (await staff.GetFromJsonAsync<List<Suggestion>>(query))!.Select(s => s.Id));

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge",
            new { keepId = kept.Id })).StatusCode);
        var afterMerge = (await staff.GetFromJsonAsync<List<Suggestion>>(query))!;
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/requests/{duplicate.Id}/unmerge",
            null)).StatusCode);
        var afterUnmerge = (await staff.GetFromJsonAsync<List<Suggestion>>(query))!;

        Assert.DoesNotContain(duplicate.Id, afterMerge.Select(s => s.Id));
        Assert.Contains(kept.Id, afterMerge.Select(s => s.Id));
        Assert.Equal(2, afterMerge.Single(s => s.Id == kept.Id).Votes);
        Assert.Contains(duplicate.Id, afterUnmerge.Select(s => s.Id));
    }

    [Fact]
    public async Task AddRequestor_ParallelUpvotesOfOneContactOnAKeptRequest_StoreOneVote()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var kept = await CreateRequestAsync(staff, "Parallel upvotes after merge", org, "a@customer.example");
        var duplicate = await CreateRequestAsync(staff, "Parallel upvotes duplicate", org, "b@customer.example");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge",
            new { keepId = kept.Id })).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            staff.PostAsJsonAsync($"/api/requests/{kept.Id}/requestors",
                new { organisationId = org, contactEmail = "same@customer.example" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r =>
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(3, (await VotesAsync(kept.Id)).Count);
    }
}
